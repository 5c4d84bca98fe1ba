// Sésame's own script: small additions to htmx, nothing the pages need to work.
"use strict";

// Mes justificatifs. On a slow phone link a photo is the longest wait of the
// journey: the candidate sees it go, a large photo is made smaller first, and
// an interrupted upload says so and can be sent again (the slot keeps the file).
(function () {
  var PHOTO_LIMIT = 1.5 * 1024 * 1024, SIDE = 2000;

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1).replace(".", ",").replace(/,0$/, "") + " Mo";
  }
  function uploadForm(el) {
    return el.closest ? el.closest("form[data-upload]") : null;
  }
  function say(form, error, info) {
    form.querySelector("[data-upload-message]").textContent = error || "";
    form.querySelector("[data-upload-info]").textContent = info || "";
  }

  // Redraw a photo of more than ~1.5 MB at ~2000 px as JPEG: still readable,
  // sent in seconds instead of minutes.
  function shrink(input) {
    var file = input.files && input.files[0], form = input.form;
    if (!file || !/^image\/(jpeg|png)$/.test(file.type) || file.size <= PHOTO_LIMIT ||
        !window.createImageBitmap || !window.DataTransfer) return;
    var button = form.querySelector("button");
    button.disabled = true;
    say(form, "", "Réduction de la photo…");
    createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (done) { canvas.toBlob(done, "image/jpeg", 0.85); });
    }).then(function (blob) {
      if (!blob || blob.size >= file.size) return say(form);
      var files = new DataTransfer();
      files.items.add(new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", {type: "image/jpeg"}));
      input.files = files.files;
      say(form, "", "Photo réduite avant l'envoi : " + megabytes(file.size) + " → " + megabytes(blob.size) + ".");
    }).catch(function () { say(form); }).finally(function () { button.disabled = false; });
  }

  document.addEventListener("change", function (event) {
    if (uploadForm(event.target) && event.target.type === "file") {
      say(uploadForm(event.target));
      shrink(event.target);
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = uploadForm(event.target);
    if (!form) return;
    var input = form.querySelector("input[type=file]"), file = input.files[0];
    // Refused here rather than after minutes of sending.
    if (file && file.size > Number(input.dataset.maxBytes)) {
      event.preventDefault();
      return say(form, input.dataset[/^image\//.test(file.type) ? "tooBigPhoto" :
        file.type === "application/pdf" ? "tooBigPdf" : "tooBig"]);
    }
    var bar = form.querySelector("progress");
    bar.value = 0;
    bar.hidden = false;
    form.querySelector("[data-retry]").hidden = true;
    say(form, "", "Envoi en cours…");
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = uploadForm(event.target), detail = event.detail;
    if (!form || !detail.lengthComputable || !detail.total) return;
    var bar = form.querySelector("progress");
    // Upload then download progress both arrive here: the bar never goes back.
    bar.value = Math.max(bar.value, Math.round(100 * detail.loaded / detail.total));
    say(form, "", "Envoi en cours : " + bar.value + " %");
  });

  function interrupted(event) {
    var form = uploadForm(event.target);
    if (!form) return;
    form.querySelector("progress").hidden = true;
    form.querySelector("[data-retry]").hidden = false;
    say(form, "L'envoi a été interrompu (connexion perdue ?). Vos autres fichiers sont conservés : " +
      "vérifiez votre connexion puis cliquez sur « Réessayer l'envoi ».");
  }
  ["htmx:sendError", "htmx:timeout", "htmx:xhr:abort"].forEach(function (name) {
    document.addEventListener(name, interrupted);
  });
})();

// Every htmx request. On 3G a tap may take seconds: the button says the
// request is under way (and cannot be tapped twice); a stalled request ends
// after the timeout of the htmx-config meta; a dropped connection says so
// next to the button, the typed answers left in place.
(function () {
  var LOST = "La connexion a été interrompue : vos réponses sont toujours là. Vérifiez votre connexion, " +
    "puis cliquez à nouveau sur « ";

  function buttonOf(elt) {
    var form = elt.tagName === "FORM" ? elt : null;
    if (elt.tagName === "BUTTON") return elt;
    return form && form.querySelector("button[type=submit]:not([hidden]), button:not([type]):not([hidden])");
  }

  document.addEventListener("htmx:configRequest", function (event) {
    // An upload shows its own progress: a large photo on 3G takes minutes.
    if (event.detail.elt.closest && event.detail.elt.closest("form[data-upload]")) event.detail.timeout = 0;
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.defaultPrevented) return;
    var elt = event.detail.elt, button = buttonOf(elt), old = document.querySelector("[data-connection-lost]");
    if (old) old.remove();
    elt.setAttribute("aria-busy", "true");
    if (!button || button.disabled) return;
    button.dataset.label = button.textContent;
    button.disabled = true;
    if (!elt.hasAttribute("data-upload")) button.textContent = "Envoi en cours…";
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt, button = buttonOf(elt);
    elt.removeAttribute("aria-busy");
    if (button && button.dataset.label) {
      button.textContent = button.dataset.label;
      delete button.dataset.label;
      button.disabled = false;
    }
  });

  function lost(event) {
    var elt = event.detail.elt, button = buttonOf(elt), place = button || elt;
    if (elt.closest && elt.closest("form[data-upload]")) return;  // the upload slot says it its own way
    var label = button ? (button.dataset.label || button.textContent).trim() : "Suivant";
    var message = document.createElement("p");
    message.className = "error";
    message.setAttribute("role", "alert");
    message.setAttribute("data-connection-lost", "");
    message.textContent = LOST + label + " ».";
    place.insertAdjacentElement("afterend", message);
  }
  ["htmx:sendError", "htmx:timeout"].forEach(function (name) {
    document.addEventListener(name, lost);
  });
})();
