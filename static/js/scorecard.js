// A score card (templates/clusters/card_detail.html). Without JavaScript it is a plain form: the totals are
// the stored ones and the server marks a refused figure. With it, the totals above the table follow what is
// typed (by clusters.scoring's arithmetic: a line within its cap, a heading within its own, bonus adds,
// penalty subtracts, never below zero) and a figure above its cap or not a number is marked at once. The
// server stays the authority: nothing is saved here, and a save recomputes and checks everything.
(function () {
  var form = document.querySelector("form[data-scorecard]");
  if (!form || !form.dataset.scorecard) return;
  var mode = form.dataset.scorecard; // "self": the unit's own figures; "review": the appraiser's
  var rows = Array.prototype.slice.call(form.querySelectorAll("tr[data-criterion]"));

  // Figures in hundredths (integers), as the server keeps them (two decimals): no floating-point drift.
  function hundredths(text) {
    text = (text || "").trim().replace(",", ".");
    if (text === "") return 0;
    if (!/^\d+(\.\d+)?$/.test(text) && !/^\.\d+$/.test(text)) return null;
    return Math.round(parseFloat(text) * 100);
  }

  function show(value) {
    var whole = Math.floor(value / 100);
    var rest = value % 100;
    if (!rest) return String(whole);
    return whole + "," + String(rest).padStart(2, "0").replace(/0$/, "");
  }

  var nodes = {};
  var children = {};
  rows.forEach(function (row) {
    var id = row.dataset.criterion;
    var parent = row.dataset.parent || "";
    nodes[id] = { row: row, kind: row.dataset.kind, max: hundredths(row.dataset.max) || 0, parent: parent };
    (children[parent] = children[parent] || []).push(id);
  });

  function input(id) {
    return form.querySelector('input[name="p-' + id + '"]');
  }

  function mark(box, message) {
    box.classList.toggle("is-invalid", !!message);
    if (message) box.setAttribute("aria-invalid", "true");
    else box.removeAttribute("aria-invalid");
    var feedback = document.getElementById(box.name + "-error");
    if (feedback) feedback.textContent = message || "";
  }

  function check(id) {
    var box = input(id);
    if (!box) return;
    var value = hundredths(box.value);
    if (value === null) mark(box, /^\s*-/.test(box.value) ? form.dataset.negative : form.dataset.notNumber);
    else if (value > nodes[id].max) mark(box, form.dataset.overCap.replace("%(max)s", nodes[id].row.dataset.maxText));
    else mark(box, "");
  }

  function value(id) {
    var kids = children[id];
    var raw = 0;
    if (kids) {
      kids.forEach(function (kid) {
        raw += value(kid);
      });
    } else {
      var box = input(id);
      raw = box ? hundredths(box.value) || 0 : 0;
    }
    return Math.min(Math.max(raw, 0), nodes[id].max);
  }

  function setText(id, text) {
    var element = document.getElementById(id);
    if (element) element.textContent = text;
  }

  function recompute() {
    var sums = { tieu_chi: 0, cong: 0, tru: 0 };
    (children[""] || []).forEach(function (id) {
      sums[nodes[id].kind] += value(id);
    });
    var total = Math.max(sums.tieu_chi + sums.cong - sums.tru, 0);
    if (mode === "self") setText("card-self-total", show(total));
    setText("card-base", show(sums.tieu_chi));
    setText("card-bonus", show(sums.cong));
    setText("card-penalty", show(sums.tru));
    setText("card-total", show(total));
  }

  form.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches("input[data-points]")) return;
    check(box.name.slice(2));
    recompute();
  });
})();
