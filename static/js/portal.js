// A second click never makes a second submission: once a form is sent, its buttons are disabled.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented) return;  // e.g. the user said no to the form's confirm(): nothing was sent
  if (form.dataset.submitted === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
  form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
    // Keep the clicked button's name/value in the request: copy it to a hidden field first.
    if (button === event.submitter && button.name) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = button.name;
      hidden.value = button.value;
      form.appendChild(hidden);
    }
    button.disabled = true;
  });
});
// Coming back through the browser's history re-enables the form.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-submitted]").forEach(function (form) {
    delete form.dataset.submitted;
    form.querySelectorAll("button, input[type=submit]").forEach(function (b) { b.disabled = false; });
  });
});
