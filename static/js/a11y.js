/*
 * Accessibility helpers of every page (loaded by base.html; no inline script).
 *
 * - A table wrapper (.table-responsive) that scrolls sideways becomes a focusable region
 *   named after its table, so a keyboard user can scroll it with the arrow keys and a
 *   screen reader says what it holds. A wrapper that fits keeps out of the tab order.
 * - After a server-side submit that failed, focus moves to the error summary
 *   ([data-error-summary]) so that it is read first and its links lead to the fields.
 */
(function () {
  "use strict";

  var MARK = "data-scroll-region";

  function labelFor(wrapper) {
    var caption = wrapper.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var section = wrapper.closest("[aria-labelledby]");
    var heading = section && document.getElementById(section.getAttribute("aria-labelledby"));
    if (!heading) {
      var previous = wrapper.previousElementSibling;
      while (previous && !/^H[1-6]$/.test(previous.tagName)) {
        previous = previous.previousElementSibling;
      }
      heading = previous;
    }
    if (heading && heading.textContent.trim()) {
      return heading.textContent.trim();
    }
    return document.body.getAttribute("data-table-label") || "";
  }

  function markScrollable() {
    document.querySelectorAll(".table-responsive").forEach(function (wrapper) {
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      var marked = wrapper.hasAttribute(MARK);
      if (scrolls && !marked && !wrapper.hasAttribute("tabindex")) {
        var named = wrapper.hasAttribute("aria-label") || wrapper.hasAttribute("aria-labelledby");
        wrapper.setAttribute(MARK, named ? "" : "label");
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        if (!named) {
          wrapper.setAttribute("aria-label", labelFor(wrapper));
        }
      } else if (!scrolls && marked) {
        if (wrapper.getAttribute(MARK) === "label") {
          wrapper.removeAttribute("aria-label");
        }
        wrapper.removeAttribute(MARK);
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
      }
    });
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
  }

  var pending = null;
  function onResize() {
    window.clearTimeout(pending);
    pending = window.setTimeout(markScrollable, 150);
  }

  function start() {
    markScrollable();
    focusErrorSummary();
    window.addEventListener("resize", onResize);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
