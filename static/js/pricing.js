/*
 * Live recalculation of the cost-of-use calculator: when the person types, the form is
 * posted (~400 ms after the last keystroke) to its data-preview-url, which answers with
 * the server-rendered breakdown, shown in #<data-preview-target>. Nothing is saved: the
 * « Enregistrer » button submits the form as usual, with or without this script.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-preview-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var target = document.getElementById(form.dataset.previewTarget);
  if (!target) {
    return;
  }
  var announcer = document.getElementById(form.dataset.previewAnnouncer || "");
  var url = form.dataset.previewUrl;
  var DELAY = 400;
  var timer = null;
  var latest = 0; // number of the last request sent: older answers are ignored
  var controller = null;

  function refresh() {
    var number = ++latest;
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    target.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (number === latest) {
          // Server-rendered by a Django template: every value in it is escaped.
          target.innerHTML = html;
          var summary = target.querySelector("[data-announce]");
          if (announcer && summary) {
            announcer.textContent = summary.textContent;
          }
        }
      })
      .catch(function () {
        // Offline or refused: the last result stays; saving still works without it.
      })
      .then(function () {
        if (number === latest) {
          target.removeAttribute("aria-busy");
        }
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, DELAY);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
})();
