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

  /* Autosave swaps the whole fader with the server's answer. Whatever the person typed or
     moved while that answer was on its way would otherwise be replaced by what was sent:
     carry it over into the new fader and save again. Open explanations stay open. */
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      var typed = field.tagName === "TEXTAREA" || field.tagName === "INPUT";
      return typed && field.id && field.type !== "hidden" && field.type !== "submit";
    });
  }

  function state(field) {
    return field.type === "checkbox" ? field.checked : field.value;
  }

  var carried = {};

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form.tagName !== "FORM" || !form.closest(".mp-fader")) {
      return;
    }
    var sent = {};
    fields(form).forEach(function (field) {
      sent[field.id] = state(field);
    });
    form.mpSent = sent;
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var form = event.detail.requestConfig && event.detail.requestConfig.elt;
    var fader = event.detail.target;
    if (!form || !form.mpSent || !fader.classList.contains("mp-fader") || !fader.id) {
      return;
    }
    var changed = [];
    fields(form).forEach(function (field) {
      if (field.id in form.mpSent && state(field) !== form.mpSent[field.id]) {
        changed.push({id: field.id, state: state(field)});
      }
    });
    var active = document.activeElement;
    carried[fader.id] = {
      changed: changed,
      open: Array.prototype.map.call(fader.querySelectorAll("details[open][id]"), function (d) {
        return d.id;
      }),
      active: active && fader.contains(active) && active.id ? active.id : null,
      start: active && "selectionStart" in active ? active.selectionStart : null,
      end: active && "selectionEnd" in active ? active.selectionEnd : null
    };
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var fader = event.target;
    var carry = fader.id && carried[fader.id];
    if (!carry) {
      return;
    }
    carry.open.forEach(function (id) {
      var details = document.getElementById(id);
      if (details) {
        details.open = true;
      }
    });
    // Ranges first: moving one unticks "not placed yet", which a carried tick then sets again.
    var texts = carry.changed.filter(function (item) {
      return typeof item.state !== "boolean";
    });
    var ticks = carry.changed.filter(function (item) {
      return typeof item.state === "boolean";
    });
    carry.restored = [];
    texts.concat(ticks).forEach(function (item) {
      var field = document.getElementById(item.id);
      if (!field || !fader.contains(field) || state(field) === item.state) {
        return;
      }
      if (typeof item.state === "boolean") {
        field.checked = item.state;
        field.dispatchEvent(new Event("change", {bubbles: true}));
      } else {
        field.value = item.state;
        if (field.classList.contains("mp-fader__range")) {
          field.dispatchEvent(new Event("input", {bubbles: true}));
        }
      }
      carry.restored.push(field);
    });
    var active = carry.active && document.getElementById(carry.active);
    if (active && active === document.activeElement && carry.start !== null) {
      try {
        active.setSelectionRange(carry.start, carry.end);
      } catch (error) {
        // Ranges and checkboxes have no selection.
      }
    }
  });

  /* Say what became of an autosave: "Saved." or the first problem, with the fader's name.
     The page's one status region is emptied first, so the same words are read out again. */
  function announce(fader) {
    var announcer = document.getElementById("fader-announcer");
    var news = fader.querySelector(".mp-saved, .mp-conflict, .utrecht-form-field-error-message");
    if (!announcer || !news) {
      return;
    }
    var title = fader.querySelector("h3");
    var message = (title ? title.textContent.trim() + ": " : "") + news.textContent.trim();
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = message.replace(/\s+/g, " ");
    }, 50);
  }

  // htmx wires up the new form only when it settles: save what was carried over then,
  // unless the answer is a conflict (the person chooses after reading both versions).
  document.addEventListener("htmx:afterSettle", function (event) {
    var fader = event.target;
    if (fader.classList && fader.classList.contains("mp-fader")) {
      announce(fader);
    }
    var carry = fader.id && carried[fader.id];
    if (!carry) {
      return;
    }
    delete carried[fader.id];
    var restored = (carry.restored || []).filter(function (field) {
      return fader.contains(field);
    });
    if (restored.length && !fader.querySelector(".mp-conflict")) {
      restored[restored.length - 1].dispatchEvent(new Event("change", {bubbles: true}));
    }
  });
})();
