// The portal's file picker (templates/partials/file_picker.html): the "Chọn tệp" label opens the hidden file
// input without any script; this writes the chosen file's name (or "Chưa chọn tệp") beside it. One listener
// on the document, so pickers drawn later by htmx work too.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.classList || !input.classList.contains("file-picker-input")) return;
  var picker = input.closest("[data-file-picker]");
  var shown = picker && picker.querySelector(".file-picker-name");
  if (!shown) return;
  var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
  shown.textContent = names.length ? names.join(", ") : shown.dataset.empty;
  shown.title = names.join(", ");
  shown.classList.toggle("text-muted", !names.length);
});

// A form reset empties the inputs: say so again.
document.addEventListener("reset", function (event) {
  event.target.querySelectorAll("[data-file-picker] .file-picker-name").forEach(function (shown) {
    shown.textContent = shown.dataset.empty;
    shown.title = "";
    shown.classList.add("text-muted");
  });
});

// Without this script the name is never written: the picker then shows its button alone (office_ready.css).
document.documentElement.classList.add("file-picker-js");
