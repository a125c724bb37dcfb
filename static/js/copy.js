/*
 * « Copier » buttons: <button data-copy-target="id of an input" data-copied="message">
 * copies the input's value to the clipboard and says so in the page's [data-copy-status]
 * (a role="status" region, read by screen readers). The buttons stay hidden where the
 * clipboard is not available: the address can still be selected in its field.
 */
(function () {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var status = document.querySelector("[data-copy-status]");

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied");
          }
        },
        function () {
          input.select();
        }
      );
    });
  });
})();
