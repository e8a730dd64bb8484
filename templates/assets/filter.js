// The index's filter box: as you type, hides the team rows and seat lines whose text does
// not contain it, and opens the seat list. The box stays hidden without JavaScript, and
// every row and seat shows.
(function () {
  var box = document.getElementById("filter");
  var seats = document.querySelector("details.seats");
  if (!box || !seats) return;
  box.closest(".filter").hidden = false;
  var lines = document.querySelectorAll("table.teams tbody tr, details.seats li");
  box.addEventListener("input", function () {
    var text = box.value.trim().toLowerCase();
    if (text) seats.open = true;
    lines.forEach(function (line) {
      // A team row by its name only, so that typing a number does not match its counts.
      var words = (line.cells ? line.cells[0] : line).textContent.toLowerCase();
      line.hidden = text !== "" && words.indexOf(text) < 0;
    });
  });
})();
