/* Live round pages: listen for "round R is now at version N" and fetch what changed.
 *
 * The server sends small events over an EventSource (server-sent events). Each
 * region marked data-live-region is fetched again (one request at a time per
 * region; changes that arrive meanwhile are folded into one more fetch) when the
 * phase changes, or on every change when data-when="change". When the stream is
 * unavailable, the page polls a cheap version address instead. Nothing here is
 * needed to take part: every form works without this script.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root) return;

  var version = Number(root.dataset.version) || 0;
  var phase = root.dataset.phase;
  var labels = {};
  try { labels = JSON.parse(root.dataset.phaseLabels || "{}"); } catch (e) { labels = {}; }
  var announcer = document.querySelector("[data-live-announcer]");
  var connection = document.querySelector("[data-live-connection]");
  var regions = Array.prototype.slice.call(document.querySelectorAll("[data-live-region]"));
  var busy = new Map();
  var failures = new Map();
  var lastFetch = new Map();
  var POLL_MS = 3000;
  var source = null;
  var pollTimer = null;

  function announce(newPhase) {
    if (!announcer) return;
    var text = (root.dataset.announce || "{phase}").replace("{phase}", labels[newPhase] || newPhase);
    announcer.textContent = text;
  }

  function showConnection(ok) {
    if (!connection) return;
    connection.hidden = ok;
    connection.textContent = ok ? "" : root.dataset.offline || "";
  }

  var delayedNotice = document.querySelector("[data-live-delayed]");
  var delayed = false;

  function showDelayed(on) {
    delayed = on;
    if (!delayedNotice) return;
    var text = on ? root.dataset.delayed || "" : "";
    if (delayedNotice.textContent !== text) delayedNotice.textContent = text;
  }

  function refresh(region) {
    if (busy.get(region)) { busy.set(region, "again"); return; }
    // A region may ask for a pause between fetches (the projector: a room full of changes
    // becomes a couple of redraws a second, not one per fader).
    var pause = Number(region.dataset.minInterval) || 0;
    var wait = (lastFetch.get(region) || 0) + pause - Date.now();
    if (wait > 0) {
      busy.set(region, "waiting");
      window.setTimeout(function () { busy.delete(region); refresh(region); }, wait);
      return;
    }
    lastFetch.set(region, Date.now());
    busy.set(region, "busy");
    fetch(region.dataset.url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var hadFocus = region.contains(document.activeElement) && document.activeElement !== document.body;
        // Don't pull a form away from under someone typing in it; the next change will come.
        var typing = hadFocus && /^(TEXTAREA|INPUT|SELECT)$/.test(document.activeElement.tagName) &&
          region.dataset.when === "change";
        if (typing) { busy.set(region, "again"); return; }
        var focusedId = hadFocus ? document.activeElement.id : "";
        region.innerHTML = html;
        if (window.htmx) window.htmx.process(region);
        if (hadFocus) {
          // Back to the same control when it is still there (a guest's "Remove" button while
          // the room saves), else to the region's heading, never to the top of the page.
          var same = focusedId && document.getElementById(focusedId);
          var target = (same && region.contains(same)) ? same : region.querySelector("[data-live-focus]");
          if (target) target.focus();
        }
      })
      .then(function () { failures.delete(region); })
      .catch(function () {
        // Offline, or the server restarts: try again a little later, a few times.
        var count = (failures.get(region) || 0) + 1;
        failures.set(region, count);
        if (count <= 8) busy.set(region, "retry");
      })
      .finally(function () {
        var state = busy.get(region);
        busy.delete(region);
        if (state === "again") window.setTimeout(function () { refresh(region); }, 250);
        if (state === "retry") {
          window.setTimeout(function () { refresh(region); }, 500 * (failures.get(region) || 1));
        }
      });
  }

  function onState(message) {
    var newVersion = Number(message.v) || 0;
    if (newVersion <= version) return;
    version = newVersion;
    var phaseChanged = message.phase && message.phase !== phase;
    if (phaseChanged) {
      phase = message.phase;
      root.dataset.phase = phase;
      announce(phase);
    }
    regions.forEach(function (region) {
      if (phaseChanged || region.dataset.when === "change") refresh(region);
    });
  }

  function poll() {
    fetch(root.dataset.versionUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { if (!response.ok) throw new Error(); return response.json(); })
      .then(function (message) { showConnection(true); onState(message); })
      .catch(function () { showConnection(false); });
  }

  function startPolling() {
    if (pollTimer) return;
    pollTimer = window.setInterval(poll, POLL_MS);
    poll();
  }

  function stopPolling() {
    if (!pollTimer) return;
    window.clearInterval(pollTimer);
    pollTimer = null;
  }

  function connect() {
    if (!("EventSource" in window)) { startPolling(); return; }
    source = new EventSource(root.dataset.streamUrl);
    source.addEventListener("change", function (event) {
      try { onState(JSON.parse(event.data)); } catch (e) { /* a malformed event changes nothing */ }
    });
    // Redis is down: this process's own events still come, other processes' do not.
    // Poll meanwhile (the stream stays open) and say that updates are delayed.
    source.addEventListener("delayed", function () { showDelayed(true); startPolling(); });
    source.addEventListener("restored", function () { showDelayed(false); stopPolling(); });
    source.onopen = function () { if (!delayed) stopPolling(); showConnection(true); };
    source.onerror = function () {
      // The browser reconnects by itself; poll meanwhile so nothing waits on it.
      startPolling();
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        window.setTimeout(connect, 5000);
      }
    };
  }

  window.addEventListener("online", function () { showConnection(true); poll(); });
  window.addEventListener("offline", function () { showConnection(false); });

  // Range inputs: say the value in words while it moves (the server renders the same words).
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=range][data-valuetexts]")) return;
    var texts = {};
    try { texts = JSON.parse(input.dataset.valuetexts); } catch (e) { return; }
    var text = texts[input.value] || input.value;
    input.setAttribute("aria-valuetext", text);
    var output = document.getElementById(input.dataset.output);
    if (output) output.textContent = text;
    var box = document.getElementById(input.dataset.unplacedBox);
    if (box) box.checked = false;
  });

  connect();
})();
