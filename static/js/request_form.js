// The request form (campaigns/request_form.html): show only the fields of the chosen recipients and due-date mode.
(function () {
  var form = document.getElementById("request-form");
  if (!form) return;
  function sync() {
    var mode = (form.querySelector("input[name=recipient_mode]:checked") || {}).value;
    form.querySelectorAll("[data-show-for]").forEach(function (el) { el.hidden = el.dataset.showFor.split(" ").indexOf(mode) < 0; });
    var due = (form.querySelector("input[name=due_mode]:checked") || {}).value;
    form.querySelectorAll("[data-due-for]").forEach(function (el) { el.hidden = el.dataset.dueFor.split(" ").indexOf(due) < 0; });
  }
  form.addEventListener("change", sync);
  sync();
})();
