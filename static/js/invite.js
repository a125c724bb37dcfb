/*
 * The invitation form: an advisor reads the whole project for no organisation, so the
 * « Organisation existante » and « nouvelle organisation » fields hide while the role
 * chosen is « Conseiller·ère ». The server ignores them for advisors anyway; without
 * this script they simply stay visible.
 */
(function () {
  "use strict";

  var role = document.getElementById("id_role");
  if (!role) {
    return;
  }
  var fields = ["id_organisation", "id_new_organisation"]
    .map(function (id) {
      var input = document.getElementById(id);
      // Crispy wraps each field (label, input, help, errors) in div#div_<input id>.
      return input && (document.getElementById("div_" + id) || input.parentElement);
    })
    .filter(Boolean);

  function update() {
    var advisor = role.value === "advisor";
    fields.forEach(function (wrapper) {
      wrapper.hidden = advisor;
    });
  }

  role.addEventListener("change", update);
  update();
})();
