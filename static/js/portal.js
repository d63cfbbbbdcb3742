// The portal's behaviour, wired by data attributes: no inline script or on*= attribute anywhere
// (the Content-Security-Policy allows scripts from this site's static files only).

// <form data-confirm="Question?">: ask before sending; "no" cancels the submission. Registered first,
// so the double-submit guard below sees the cancelled event (defaultPrevented) and leaves the form alone.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// <select data-autosubmit>: choosing a value sends its form (e.g. the year filter).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
    field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  }
});

// <button data-print>: print the page; <input data-select-on-click>: a click selects the whole value.
document.addEventListener("click", function (event) {
  var el = event.target;
  if (!el.closest) return;
  if (el.closest("[data-print]")) {
    window.print();
  }
  var field = el.closest("[data-select-on-click]");
  if (field && field.select) {
    field.select();
  }
});

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

// <select data-autocomplete-url="…">: a unit picker (units.widgets.UnitAutocomplete). The select holds only
// the chosen units; Tom Select asks the address for suggestions as the user types (?q=), the server
// matching names without diacritics, so the browser filters nothing itself. Without JavaScript the
// select still sends what it holds.
function portalAutocomplete(select) {
  if (typeof TomSelect === "undefined" || select.tomselect) return;
  var url = select.dataset.autocompleteUrl;
  var empty = select.dataset.emptyText || "";
  var render = function (escape, data) {
    var parent = data.parent ? '<small class="d-block text-body-secondary">' + escape(data.parent) + "</small>" : "";
    return "<div>" + escape(data.text) + parent + "</div>";
  };
  var latest = {};  // the values of the last answer: only they are offered (the server did the matching)
  var asked = 0;  // the number of the last question: an answer to an older one (slower to come) is dropped
  var settled = false;  // a unit was just chosen: no question is asked (so no list opens) until the user types
  new TomSelect(select, {
    valueField: "value",
    labelField: "text",
    searchField: [],
    placeholder: select.dataset.placeholder,
    plugins: select.multiple ? ["remove_button"] : ["clear_button"],
    maxOptions: null,
    preload: "focus",
    loadThrottle: 250,
    closeAfterSelect: true,
    score: function () { return function (item) { return latest[item.value] ? 1 : 0; }; },
    load: function (query, callback) {
      var self = this;
      // Tom Select refreshes (and, focused, reopens) the list when a question is answered, even with nothing:
      // once a unit is chosen every late answer closes it again.
      var done = function (results) { callback(results); if (settled) self.close(); };
      if (settled) { done(); return; }  // e.g. a question throttled before the choice, asked only after it
      var mine = ++asked;
      var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (mine !== asked) { done(); return; }  // the user typed on, or chose, since this was asked
          latest = {};
          data.results.forEach(function (row) { latest[row.value] = true; });
          self.clearOptions();  // keeps the chosen units
          self.loadedSearches = {};  // ask again next time: the answer is never kept in the page
          callback(data.results);
        })
        .catch(function () { done(); });
    },
    onType: function () { settled = false; },
    onItemAdd: function () {
      asked++;  // a unit was chosen: an answer still on its way must not open the list again
      settled = true;
      this.close();
    },
    render: {
      option: function (data, escape) { return render(escape, data); },
      item: function (data, escape) { return "<div>" + escape(data.text) + "</div>"; },
      no_results: function () { return '<div class="no-results">' + empty + "</div>"; },
      loading: function () { return '<div class="spinner-border spinner-border-sm m-2" role="status"></div>'; },
    },
  });
  // Tom Select points the field's label at its own box but leaves the <select> in the accessibility tree
  // (ts-hidden-accessible): the select keeps the label's name too (axe-core's select-name, #14).
  var label = document.getElementById(select.id + "-ts-label");
  if (label) select.setAttribute("aria-labelledby", label.id);
}
function portalAutocompleteIn(root) {
  root.querySelectorAll("select[data-autocomplete-url]").forEach(portalAutocomplete);
}
portalAutocompleteIn(document);
// Forms that htmx swaps into a page get theirs too.
document.addEventListener("htmx:load", function (event) { portalAutocompleteIn(event.target); });

// A table wider than its box scrolls sideways: a keyboard user must be able to reach it (axe-core's
// scrollable-region-focusable, #14). Every such .table-responsive is made a focusable, named region while it
// overflows, whatever the page; a template may name its own (tabindex, aria-label) and is left as it is.
function portalScrollableTables(root) {
  root.querySelectorAll(".table-responsive:not([data-region-own])").forEach(function (box) {
    if (box.hasAttribute("tabindex") && !box.hasAttribute("data-region-auto")) {
      box.setAttribute("data-region-own", "");
      return;
    }
    if (box.scrollWidth > box.clientWidth + 1) {
      var heading = box.closest(".card") && box.closest(".card").querySelector(".card-header, caption, h2, h3");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("data-region-auto", "");
      if (!box.hasAttribute("aria-label")) {
        var name = heading ? heading.textContent.trim().replace(/\s+/g, " ") : "";
        box.setAttribute("aria-label", name ? name + " (bảng cuộn ngang)" : "Bảng cuộn ngang");
        box.setAttribute("data-region-auto", "named");
      }
    } else if (box.hasAttribute("data-region-auto")) {
      if (box.getAttribute("data-region-auto") === "named") box.removeAttribute("aria-label");
      ["tabindex", "role", "data-region-auto"].forEach(function (a) { box.removeAttribute(a); });
    }
  });
}
portalScrollableTables(document);
document.addEventListener("htmx:load", function (event) { portalScrollableTables(event.target.ownerDocument || document); });
var portalResizeTimer;
window.addEventListener("resize", function () {
  clearTimeout(portalResizeTimer);
  portalResizeTimer = setTimeout(function () { portalScrollableTables(document); }, 150);
});
