/*
 * The « Préparation… » page of a report built in the background: asks the server how
 * far the build has gone (the JSON of data-status-url) every second or so, moves the
 * <progress> bar and its words, and reloads the page once the build is over (the page
 * then offers the file, or says what failed with « Réessayer »). A network error slows
 * the polling down and shows the « Actualiser » link again. Without this script, that
 * link does the same by hand.
 */
(function () {
  "use strict";

  var root = document.getElementById("report-progress");
  if (!root || !window.fetch) {
    return;
  }
  var state = root.dataset.status;
  if (state !== "queued" && state !== "running") {
    return;
  }
  var url = root.dataset.statusUrl;
  var bar = root.querySelector("progress");
  var step = root.querySelector("[data-progress-step]");
  var counted = root.querySelector("[data-progress-counted]");
  var refresh = root.querySelector("[data-progress-refresh]");
  var DELAY = 1000;
  var MAX_DELAY = 10000;
  var delay = DELAY;

  if (refresh) {
    refresh.hidden = true;
  }

  function show(data) {
    if (bar && data.total) {
      bar.max = data.total;
      bar.value = data.done;
      bar.textContent = data.percent + "\u00a0%";
    }
    if (step) {
      step.textContent = data.step || "";
    }
    if (counted) {
      counted.textContent = data.counted || "";
    }
  }

  function poll() {
    fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (data.status !== "queued" && data.status !== "running") {
          window.location.reload();
          return;
        }
        show(data);
        delay = DELAY;
        if (refresh) {
          refresh.hidden = true;
        }
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, MAX_DELAY);
        if (refresh) {
          refresh.hidden = false;
        }
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
