/*
 * Autosave of questionnaire answers: each question saves ~800 ms after the person stops
 * typing and when it leaves the field, shows its state next to the field, retries with
 * backoff when the network fails, and on a conflict (409) shows both versions and lets
 * the person choose. Without this script the form's « Enregistrer » button saves every
 * answer of the page (the portrait's pages post their own fields only).
 *
 * The page provides: form[data-autosave-url][data-organisation-id] containing
 * [data-question][data-version] blocks (inputs + hidden "<code>__version" + a
 * [data-save-state] element), and #autosave-messages with the translated words; an
 * optional [data-progress] element (a .status-badge, a [data-progress-count] and a
 * <progress data-progress-bar>) shows the status and the count of answers the server
 * sends back after each save; links marked a[data-page-link] (the other pages of the
 * portrait) wait for pending saves before leaving.
 *
 * Until the server confirms a save, the typed values also wait in the browser's
 * localStorage (one draft per answer): a database outage, a lost connection or a closed
 * tab loses nothing. On the next visit a draft is put back in its fields and saved from
 * the version it was typed on, so a change made meanwhile by someone else shows as a
 * conflict instead of being overwritten.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave-url]");
  var wordsElement = document.getElementById("autosave-messages");
  if (!form || !wordsElement || !window.fetch) {
    return;
  }
  var words = wordsElement.dataset;
  var url = form.dataset.autosaveUrl;
  var organisationId = form.dataset.organisationId || "";
  var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var DELAY = 800;
  var MAX_RETRY_DELAY = 30000;
  var savers = new Map();
  var leaving = false;
  var DRAFT_PREFIX = "mutualisation.brouillon:";
  var DRAFT_MAX_AGE = 30 * 24 * 3600 * 1000; // a month: older drafts are dropped

  // localStorage may be missing or full (private browsing): drafts are then skipped.
  var drafts = {
    read: function (key) {
      try {
        var draft = JSON.parse(window.localStorage.getItem(key) || "null");
        if (draft && Date.now() - draft.at < DRAFT_MAX_AGE) {
          return draft;
        }
        window.localStorage.removeItem(key);
      } catch (error) {
        // unreadable or unavailable: no draft
      }
      return null;
    },
    write: function (key, draft) {
      try {
        window.localStorage.setItem(key, JSON.stringify(draft));
      } catch (error) {
        // unavailable or full: the server save still runs
      }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(key);
      } catch (error) {
        // unavailable
      }
    },
  };

  // The status badge and the count of answers of the page follow the saves.
  var progressElement = document.querySelector("[data-progress]");

  function showProgress(progress) {
    if (!progressElement || !progress) {
      return;
    }
    var badge = progressElement.querySelector(".status-badge");
    if (badge && progress.status) {
      Array.prototype.slice.call(badge.classList).forEach(function (name) {
        if (name.indexOf("status-") === 0 && name !== "status-badge") {
          badge.classList.remove(name);
        }
      });
      badge.classList.add("status-" + progress.status);
      badge.textContent = progress.status_label;
    }
    var count = progressElement.querySelector("[data-progress-count]");
    if (count && progress.text) {
      count.textContent = progress.text;
    }
    var bar = progressElement.querySelector("[data-progress-bar]");
    if (bar && typeof progress.total === "number") {
      bar.max = progress.total || 1;
      bar.value = progress.answered;
    }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function Saver(container) {
    this.container = container;
    this.code = container.dataset.question;
    this.version = parseInt(container.dataset.version || "0", 10);
    this.stateElement = container.querySelector("[data-save-state]");
    this.versionInput = container.querySelector(
      'input[type=hidden][name="' + CSS.escape(this.code + "__version") + '"]'
    );
    this.timer = null;
    this.retryTimer = null;
    this.retryDelay = 1000;
    this.dirty = false; // edited since the last save started
    this.inflight = false;
    this.failed = false; // network or server failure: retrying
    this.invalid = false; // refused by validation: waits for a correction
    this.conflict = null; // the 409 answer, until the person chooses
    this.draftKey = DRAFT_PREFIX + url + "|" + organisationId + "|" + this.code;
  }

  Saver.prototype.fieldValues = function () {
    var values = {};
    this.inputs().forEach(function (input) {
      if (input.type === "checkbox" || input.type === "radio") {
        values[input.name] = values[input.name] || [];
        if (input.checked) {
          values[input.name].push(input.value);
        }
      } else {
        values[input.name] = input.value;
      }
    });
    return values;
  };

  Saver.prototype.keepDraft = function () {
    drafts.write(this.draftKey, { version: this.version, fields: this.fieldValues(), at: Date.now() });
  };

  Saver.prototype.dropDraft = function () {
    drafts.remove(this.draftKey);
  };

  // A draft left by an earlier visit: back in the fields, saved from its own version.
  Saver.prototype.restoreDraft = function () {
    var draft = drafts.read(this.draftKey);
    if (!draft || !draft.fields) {
      return;
    }
    if (JSON.stringify(draft.fields) === JSON.stringify(this.fieldValues())) {
      this.dropDraft(); // saved after all (the response was lost, or the form was sent)
      return;
    }
    this.applyFields(draft.fields);
    this.version = draft.version;
    this.showText(words.restored);
    this.schedule(0);
  };

  Saver.prototype.unsaved = function () {
    return this.dirty || this.inflight || this.failed || this.invalid || this.conflict !== null;
  };

  Saver.prototype.inputs = function () {
    var code = this.code;
    return Array.prototype.filter.call(
      this.container.querySelectorAll("input, textarea, select"),
      function (input) {
        return input.name && input.name !== code + "__version" && input.form === form;
      }
    );
  };

  Saver.prototype.schedule = function (delay) {
    this.dirty = true;
    this.invalid = false;
    this.keepDraft();
    window.clearTimeout(this.timer);
    var saver = this;
    this.timer = window.setTimeout(function () {
      saver.save();
    }, delay);
  };

  Saver.prototype.setVersion = function (version) {
    this.version = version;
    this.container.dataset.version = String(version);
    if (this.versionInput) {
      this.versionInput.value = String(version);
    }
  };

  // A refused answer: its fields are marked invalid and described by the state message.
  Saver.prototype.markInvalid = function (invalid) {
    var state = this.stateElement;
    if (!state.id) {
      state.id = "etat-" + this.code;
    }
    this.inputs().forEach(function (input) {
      var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
        return id && id !== state.id;
      });
      if (invalid) {
        input.setAttribute("aria-invalid", "true");
        ids.push(state.id);
      } else {
        input.removeAttribute("aria-invalid");
      }
      if (ids.length) {
        input.setAttribute("aria-describedby", ids.join(" "));
      } else {
        input.removeAttribute("aria-describedby");
      }
    });
  };

  Saver.prototype.showText = function (text) {
    this.stateElement.replaceChildren(document.createTextNode(text));
    this.stateElement.classList.remove("text-danger");
  };

  Saver.prototype.showProblem = function (text, withRetry) {
    var saver = this;
    this.stateElement.replaceChildren();
    this.stateElement.classList.add("text-danger");
    if (withRetry) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-danger";
      button.textContent = text;
      button.addEventListener("click", function () {
        saver.dirty = true;
        saver.save();
      });
      this.stateElement.appendChild(button);
    } else {
      this.stateElement.appendChild(document.createTextNode(text));
    }
  };

  Saver.prototype.body = function () {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfInput ? csrfInput.value : "");
    body.append("question_code", this.code);
    body.append("organisation_id", organisationId);
    body.append("base_version", String(this.version));
    this.inputs().forEach(function (input) {
      if ((input.type === "checkbox" || input.type === "radio") && !input.checked) {
        return;
      }
      body.append(input.name, input.value);
    });
    return body;
  };

  Saver.prototype.save = function () {
    window.clearTimeout(this.timer);
    window.clearTimeout(this.retryTimer);
    if (this.inflight || this.conflict !== null || !this.dirty) {
      return Promise.resolve();
    }
    var saver = this;
    this.dirty = false;
    this.inflight = true;
    this.showText(words.saving);
    this.promise = window
      .fetch(url, {
        method: "POST",
        body: this.body(),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            saver.handle(response.status, data);
          });
      })
      .catch(function () {
        saver.retryLater();
      })
      .finally(function () {
        saver.inflight = false;
        if (saver.dirty && !saver.failed && saver.conflict === null) {
          // Typed again while the previous save travelled: save the latest text.
          return saver.save();
        }
      });
    return this.promise;
  };

  Saver.prototype.retryLater = function (text) {
    var saver = this;
    this.failed = true;
    this.dirty = true;
    this.showProblem(text || words.failed, true);
    this.retryTimer = window.setTimeout(function () {
      saver.failed = false;
      saver.save();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_DELAY);
  };

  Saver.prototype.handle = function (status, data) {
    this.failed = false;
    if (status === 200 && data.status === "saved") {
      this.retryDelay = 1000;
      this.setVersion(data.version);
      if (!this.dirty) {
        this.dropDraft(); // typed again meanwhile: the newer draft waits for its save
      }
      this.showText(fill(words.saved, { time: data.saved_at_display }));
      this.markInvalid(false);
      showProgress(data.progress);
    } else if (status === 400 && data.status === "invalid") {
      this.invalid = true;
      this.showProblem(words.invalid + " " + (data.errors || []).join(" "), false);
      this.markInvalid(true);
    } else if (status === 409 && data.status === "conflict") {
      this.showConflict(data);
    } else if (status === 403 && data.status === "readonly") {
      this.invalid = true;
      this.showProblem(words.readonly, false);
    } else if (status === 403 || status === 404) {
      this.invalid = true;
      this.showProblem(words.failed, false);
    } else if (status === 503) {
      this.retryLater(words.offline); // the database is down: the draft waits here
    } else {
      this.retryLater(); // 5xx, a proxy page, an expired session…
    }
  };

  Saver.prototype.currentDisplay = function () {
    var parts = [];
    this.inputs().forEach(function (input) {
      if (input.type === "checkbox" || input.type === "radio") {
        if (input.checked) {
          var label = input.labels && input.labels[0];
          parts.push(label ? label.textContent.trim() : input.value);
        }
      } else if (input.value.trim()) {
        parts.push(input.value.trim());
      }
    });
    return parts.join(" · ");
  };

  Saver.prototype.showConflict = function (data) {
    var saver = this;
    this.conflict = data;
    this.clearConflict();
    this.stateElement.replaceChildren();
    var box = document.createElement("div");
    box.className = "alert alert-warning conflict mt-2";
    box.setAttribute("role", "alert");
    box.dataset.conflictBox = "";

    var intro = document.createElement("p");
    intro.className = "fw-semibold";
    intro.textContent = words.conflict;
    box.appendChild(intro);

    function version(title, text, className) {
      var block = document.createElement("div");
      block.className = "conflict-version " + className;
      var heading = document.createElement("p");
      heading.className = "mb-1 fw-semibold";
      heading.textContent = title;
      var value = document.createElement("p");
      value.className = "conflict-value";
      value.textContent = text || words.empty;
      block.appendChild(heading);
      block.appendChild(value);
      return block;
    }
    box.appendChild(version(words.yours, this.currentDisplay(), "conflict-yours"));
    box.appendChild(
      version(
        fill(words.theirs, { by: data.by, at: data.at }),
        data.their_value_display,
        "conflict-theirs"
      )
    );

    var keep = document.createElement("button");
    keep.type = "button";
    keep.className = "btn btn-sm btn-primary me-2";
    keep.textContent = words.keep;
    keep.addEventListener("click", function () {
      saver.setVersion(data.their_version);
      saver.conflict = null;
      saver.clearConflict();
      saver.dirty = true;
      saver.save();
    });
    var take = document.createElement("button");
    take.type = "button";
    take.className = "btn btn-sm btn-outline-secondary";
    take.textContent = words.take;
    take.addEventListener("click", function () {
      saver.applyFields(data.their_fields || {});
      saver.setVersion(data.their_version);
      saver.conflict = null;
      saver.dirty = false;
      saver.dropDraft();
      saver.clearConflict();
      saver.showText(words.taken);
    });
    box.appendChild(keep);
    box.appendChild(take);
    this.container.appendChild(box);
  };

  Saver.prototype.clearConflict = function () {
    this.container.querySelectorAll("[data-conflict-box]").forEach(function (box) {
      box.remove();
    });
  };

  Saver.prototype.applyFields = function (values) {
    this.inputs().forEach(function (input) {
      if (!Object.prototype.hasOwnProperty.call(values, input.name)) {
        return;
      }
      var value = values[input.name];
      if (input.type === "checkbox" || input.type === "radio") {
        var chosen = Array.isArray(value) ? value : [value];
        input.checked = chosen.indexOf(input.value) !== -1;
      } else {
        input.value = Array.isArray(value) ? value.join("") : value;
      }
    });
  };

  function saverFor(target) {
    var container = target.closest && target.closest("[data-question]");
    if (!container || !form.contains(container) || target.form !== form) {
      return null;
    }
    if (!savers.has(container)) {
      savers.set(container, new Saver(container));
    }
    return savers.get(container);
  }

  form.querySelectorAll("[data-question]").forEach(function (container) {
    var saver = new Saver(container);
    savers.set(container, saver);
    saver.restoreDraft();
  });

  form.addEventListener("input", function (event) {
    var saver = saverFor(event.target);
    if (saver) {
      var type = event.target.type;
      saver.schedule(type === "checkbox" || type === "radio" || type === "date" ? 0 : DELAY);
    }
  });

  form.addEventListener("change", function (event) {
    var saver = saverFor(event.target);
    if (saver && saver.dirty) {
      saver.save();
    }
  });

  form.addEventListener("focusout", function (event) {
    var saver = saverFor(event.target);
    if (saver && saver.dirty) {
      saver.save();
    }
  });

  function anyUnsaved() {
    var unsaved = false;
    savers.forEach(function (saver) {
      unsaved = unsaved || saver.unsaved();
    });
    return unsaved;
  }

  function flushAll() {
    var pending = [];
    savers.forEach(function (saver) {
      if (saver.dirty && !saver.failed) {
        pending.push(saver.save());
      } else if (saver.inflight && saver.promise) {
        pending.push(saver.promise);
      }
    });
    return Promise.all(pending);
  }

  // The form's own « Enregistrer » posts everything: nothing is lost by leaving then.
  form.addEventListener("submit", function () {
    leaving = true;
  });

  // Other forms of the page (submit, add an item…): save what is pending first.
  document.querySelectorAll("form").forEach(function (other) {
    if (other === form) {
      return;
    }
    other.addEventListener("submit", function (event) {
      if (!anyUnsaved()) {
        leaving = true;
        return;
      }
      event.preventDefault();
      flushAll().then(function () {
        if (!anyUnsaved()) {
          leaving = true;
          other.submit();
        }
      });
    });
  });

  // Links to the other pages of a questionnaire (the portrait, one dimension per
  // page): what is pending is saved first, then the link is followed.
  document.querySelectorAll("a[data-page-link]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!anyUnsaved()) {
        return;
      }
      event.preventDefault();
      flushAll().then(function () {
        if (!anyUnsaved()) {
          leaving = true;
          window.location.href = link.href;
        }
      });
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (!leaving && anyUnsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
