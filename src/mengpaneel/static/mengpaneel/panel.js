/* Mixing panel faders: the visible value and aria-valuetext follow the knob.
   Without this script everything still works: the server writes both on every save.
   "Not placed yet" is its own checkbox; moving the knob places the fader, so it unticks. */
(function () {
  "use strict";
  document.documentElement.classList.add("mp-js");

  function valueTexts(range) {
    try {
      return JSON.parse(range.dataset.valuetexts || "{}");
    } catch (error) {
      return {};
    }
  }

  function show(range, unplaced) {
    var text = unplaced ? range.dataset.unplacedText : valueTexts(range)[range.value] || range.value;
    range.setAttribute("aria-valuetext", text);
    var output = document.getElementById(range.dataset.output);
    if (output) {
      output.textContent = text;
    }
    var control = range.closest(".mp-fader__control");
    if (control) {
      control.classList.toggle("mp-fader__control--unplaced", unplaced);
    }
  }

  document.addEventListener("input", function (event) {
    var range = event.target;
    if (!range.classList || !range.classList.contains("mp-fader__range")) {
      return;
    }
    var box = document.getElementById(range.dataset.unplacedBox);
    if (box) {
      box.checked = false;
    }
    show(range, false);
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("mp-fader__unplaced")) {
      return;
    }
    var range = document.getElementById(box.dataset.range);
    if (range) {
      show(range, box.checked);
    }
  });
})();
