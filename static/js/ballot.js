// The ballot paper (templates/awards/_ballot_table.html). Without JavaScript it is a plain form of radio
// buttons; with it, "Đồng ý tất cả" ticks "Đồng ý" in every row of its award (nothing is sent: the member
// still presses "Gửi phiếu" and may change any row first), and #ballot-left counts the rows left to choose.
(function () {
  var table = document.getElementById("ballot");
  if (!table) return;
  var rows = table.querySelectorAll("tr[data-ballot-group]");
  var left = document.getElementById("ballot-left");

  function count() {
    if (!left) return;
    var missing = 0;
    rows.forEach(function (row) {
      if (!row.querySelector("input[type=radio]:checked")) missing++;
    });
    var text = missing ? left.dataset.left : left.dataset.done;
    left.textContent = text.replace("%(n)s", missing || rows.length);
    left.classList.toggle("text-danger", missing > 0);
    left.classList.toggle("text-success", missing === 0);
  }

  table.querySelectorAll("button[data-ballot-all]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      rows.forEach(function (row) {
        if (row.dataset.ballotGroup !== button.dataset.ballotGroup) return;
        row.querySelectorAll("input[type=radio]").forEach(function (radio) {
          if (radio.value === button.dataset.ballotAll) radio.checked = true;
        });
      });
      count();
    });
  });
  table.addEventListener("change", count);
  count();
})();
