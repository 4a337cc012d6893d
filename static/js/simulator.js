// iamconsole policy simulator: mode switch, action picker, editors, context refresh, result
// filters and the statement viewer. The server renders everything; this only wires it up.
(function () {
  "use strict";

  var form = null;
  var refreshTimer = null;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  // -- request context: reload the keys the policies test -------------------------------------
  function refreshContext() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      if (window.htmx) window.htmx.trigger(document.body, "sim:refresh-context");
    }, 250);
  }

  // -- mode -------------------------------------------------------------------------------------
  function applyMode() {
    var chosen = $("[data-sim-mode]:checked", form);
    var mode = chosen ? chosen.value : "principal";
    $$("[data-mode-panel]", form).forEach(function (panel) {
      panel.hidden = panel.getAttribute("data-mode-panel") !== mode;
    });
  }

  // -- actions ----------------------------------------------------------------------------------
  function selectedRows() { return $$("#sim-selected-rows tr[data-sim-row]"); }
  function selectedSet() {
    var set = {};
    selectedRows().forEach(function (row) { set[row.getAttribute("data-sim-row")] = row; });
    return set;
  }

  function updateActionCount() {
    var count = selectedRows().length;
    var counter = $("[data-sim-action-count]");
    if (counter) counter.textContent = "(" + count + ")";
    var none = $("[data-sim-no-actions]");
    if (none) none.hidden = count > 0;
    var wrap = $("[data-sim-selected-wrap]");
    if (wrap) {
      wrap.hidden = count === 0;
      wrap.classList.toggle("is-long", count > 10);
    }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The same row as templates/policies/partials/_simulation_action_row.html.
  function actionRow(action, level, templates) {
    var row = el("tr", { "data-sim-row": action });
    var cell = el("td");
    cell.appendChild(el("code", {}, action));
    cell.appendChild(el("input", { type: "hidden", name: "action", value: action }));
    row.appendChild(cell);
    row.appendChild(el("td", {}, level));
    cell = el("td");
    if (!templates.length) {
      cell.appendChild(el("span", { "class": "muted" }, "* only: this action has no resource types"));
    } else {
      var id = "resource:" + action;
      cell.appendChild(el("label", { "class": "visually-hidden", "for": id }, "Resources of " + action));
      cell.appendChild(el("textarea", { id: id, name: id, rows: "1", "class": "input sim-resource",
        placeholder: "*", spellcheck: "false", wrap: "off" }));
      var select = el("select", { "class": "input sim-template", "data-sim-template": "",
        "aria-label": "Insert an ARN template for " + action });
      select.appendChild(el("option", { value: "" }, "Insert ARN template…"));
      templates.forEach(function (t) {
        select.appendChild(el("option", { value: t.arn },
          t.type + (t.required ? " (required)" : "") + ": " + t.arn));
      });
      cell.appendChild(select);
    }
    row.appendChild(cell);
    cell = el("td");
    cell.appendChild(el("button", { type: "button", "class": "btn btn-small",
      "data-sim-remove-action": "", "aria-label": "Remove " + action }, "Remove"));
    row.appendChild(cell);
    return row;
  }

  function setAction(box, on, rows, batch) {
    var action = box.value;
    if (on && !rows[action]) {
      var templates = [];
      try { templates = JSON.parse(box.getAttribute("data-templates") || "[]"); } catch (err) { templates = []; }
      var row = actionRow(action, box.getAttribute("data-level") || "", templates);
      rows[action] = row;
      batch.appendChild(row);
    } else if (!on && rows[action]) {
      rows[action].remove();
      delete rows[action];
    }
    box.checked = on;
  }

  function setActions(boxes, on) {
    var rows = selectedSet();
    var batch = document.createDocumentFragment();
    boxes.forEach(function (box) { setAction(box, on, rows, batch); });
    $("#sim-selected-rows").appendChild(batch);
    syncPicker();
    updateActionCount();
  }

  function syncPicker() {
    var rows = selectedSet();
    $$("#sim-picker-actions [data-sim-action]").forEach(function (box) { box.checked = !!rows[box.value]; });
    $$("#sim-picker-actions .sim-level-group").forEach(function (group) {
      var boxes = $$("[data-sim-action]", group);
      var on = boxes.filter(function (b) { return b.checked; }).length;
      var toggle = $("[data-sim-level-toggle]", group);
      if (!toggle) return;
      toggle.checked = on > 0 && on === boxes.length;
      toggle.indeterminate = on > 0 && on < boxes.length;
    });
  }

  // -- editors ----------------------------------------------------------------------------------
  function nextIndex(prefix) {
    var highest = -1;
    $$("textarea[name^='" + prefix + "-']", form).forEach(function (area) {
      var rest = area.name.slice(prefix.length + 1);
      if (/^\d+$/.test(rest)) highest = Math.max(highest, parseInt(rest, 10));
    });
    return highest + 1;
  }

  function addEditor(button) {
    var list = button.getAttribute("data-sim-add-editor");
    var container = $("[data-sim-editor-list='" + list + "']", form);
    var index = nextIndex(list);
    var params = new URLSearchParams({
      name: list + "-" + index,
      kind: button.getAttribute("data-kind") || "identity",
      label: (button.getAttribute("data-label") || "Policy") + " " + (index + 1)
    });
    window.htmx.ajax("GET", form.getAttribute("data-editor-url") + "?" + params.toString(),
      { target: container, swap: "beforeend" });
  }

  function addLevel(button) {
    var kind = button.getAttribute("data-sim-add-level");
    var levels = $("[data-sim-levels='" + kind + "']", form);
    var number = $$(".sim-level-box", levels).length;
    var box = el("fieldset", { "class": "sim-level-box", "data-sim-level": String(number) });
    box.appendChild(el("legend", {}, "Level " + (number + 1) + (number === 0 ? " (root)" : "")));
    box.appendChild(el("div", { "class": "sim-editors", "data-sim-editor-list": kind + "-" + number }));
    var add = el("button", { type: "button", "class": "btn btn-small",
      "data-sim-add-editor": kind + "-" + number, "data-kind": kind,
      "data-label": kind.toUpperCase() + " level " + (number + 1) + ", policy" },
      "Add a policy to this level");
    box.appendChild(add);
    levels.appendChild(box);
    button.textContent = "Add a level";
    addEditor(add);
  }

  function loadPolicy(button) {
    var editor = button.closest(".sim-editor");
    var input = $("[data-sim-load-input]", editor);
    var error = $("[data-sim-load-error]", editor);
    var area = document.getElementById(button.getAttribute("data-sim-load"));
    if (!input.value.trim()) { input.focus(); return; }
    error.hidden = true;
    fetch(form.getAttribute("data-policy-text-url") + "?policy=" + encodeURIComponent(input.value.trim()),
      { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.text === undefined) throw new Error(data.message || "The policy could not be loaded.");
        area.value = data.text;
        area.dispatchEvent(new Event("input", { bubbles: true }));
        refreshContext();
      })
      .catch(function (err) { error.textContent = err.message; error.hidden = false; });
  }

  function loadPolicyNames() {
    var list = document.getElementById("sim-managed-policies");
    if (!list || list.getAttribute("data-loaded")) return;
    list.setAttribute("data-loaded", "1");
    window.htmx.ajax("GET", form.getAttribute("data-policy-names-url"), { target: list, swap: "innerHTML" });
  }

  // -- results ----------------------------------------------------------------------------------
  function applyFilter(results) {
    var active = $("[data-sim-filter][aria-pressed='true']", results);
    var decision = active ? active.getAttribute("data-sim-filter") : "";
    var search = ($("[data-sim-search]", results) || {}).value || "";
    var needle = search.trim().toLowerCase();
    var rows = $$("tbody tr[data-decision]", results), shown = 0;
    rows.forEach(function (row) {
      var visible = (!decision || row.getAttribute("data-decision") === decision) &&
        (!needle || row.getAttribute("data-search").indexOf(needle) !== -1);
      row.hidden = !visible;
      if (visible) shown++;
    });
    var label = $("[data-sim-shown]", results);
    if (label) label.textContent = shown === rows.length ? "" : "Showing " + shown + " of " + rows.length;
    var none = $("[data-sim-no-match]", results);
    if (none) none.hidden = shown > 0;
  }

  function setFilter(results, decision, remember) {
    $$("[data-sim-filter]", results).forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-sim-filter") === decision ? "true" : "false");
    });
    applyFilter(results);
    if (remember) {
      var url = new URL(window.location.href);
      if (decision) url.searchParams.set("decision", decision); else url.searchParams.delete("decision");
      window.history.replaceState(window.history.state, "", url.toString());
    }
  }

  function initResults(area) {
    var results = $("[data-sim-results]", area);
    if (!results) return;
    var decision = new URL(window.location.href).searchParams.get("decision") || "";
    var known = $$("[data-sim-filter]", results).some(function (b) { return b.getAttribute("data-sim-filter") === decision; });
    setFilter(results, known ? decision : "", false);
  }

  // -- the statement viewer ---------------------------------------------------------------------
  function policyData() {
    var node = document.getElementById("sim-policy-data");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (err) { return {}; }
  }

  function highlightLine(line) {
    var editor = window.iamPolicyEditor;
    var html = editor ? editor.highlight(line) : line.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    return html.replace(/\n$/, "");
  }

  function openViewer(link) {
    var policy = policyData()[link.getAttribute("data-policy")];
    var dialog = document.getElementById("sim-viewer");
    if (!policy || !dialog || typeof dialog.showModal !== "function") return false;
    var start = parseInt(link.getAttribute("data-start-line"), 10) || 0;
    var end = parseInt(link.getAttribute("data-end-line"), 10) || start;
    var effect = link.getAttribute("data-effect") === "Deny" ? "deny" : "allow";
    $("#sim-viewer-title", dialog).textContent = policy.name;
    $("[data-viewer-sub]", dialog).textContent = [policy.kind, policy.via, policy.edited ? "edited for this simulation only" : ""]
      .filter(Boolean).join(" · ");
    var note = $("[data-viewer-note]", dialog);
    var code = $("[data-viewer-code]", dialog);
    code.innerHTML = "";
    if (policy.text === null) {
      note.textContent = policy.hidden || "You may not read this policy.";
      dialog.showModal();
      return true;
    }
    note.innerHTML = "";
    var badge = el("span", { "class": "badge sim-viewer-badge sim-viewer-" + effect },
      (effect === "deny" ? "✖ Deny" : "✔ Allow") + " · statement " + link.getAttribute("data-statement"));
    note.appendChild(badge);
    note.appendChild(document.createTextNode(start ? " Lines " + start + "–" + end + " applied to this request." : ""));
    var lines = policy.text.split(/\r\n|\r|\n/), first = null;
    lines.forEach(function (text, i) {
      var number = i + 1;
      var marked = start && number >= start && number <= end;
      var line = el("span", { "class": "sim-line" + (marked ? " is-marked is-" + effect : ""), "data-line": String(number) });
      line.appendChild(el("span", { "class": "sim-ln", "aria-hidden": "true" }, String(number)));
      var content = el("span", { "class": "sim-lc" });
      content.innerHTML = highlightLine(text) || " ";
      line.appendChild(content);
      code.appendChild(line);
      if (marked && !first) first = line;
    });
    dialog.showModal();
    if (first) first.scrollIntoView({ block: "center" });
    return true;
  }

  // -- copying links ----------------------------------------------------------------------------
  function copy(text, button) {
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(text).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  }

  // -- wiring -----------------------------------------------------------------------------------
  function onClick(event) {
    var target = event.target;
    var button;
    if ((button = target.closest("[data-sim-select-all]"))) {
      setActions($$("#sim-picker-actions [data-sim-action]"), true);
    } else if ((button = target.closest("[data-sim-select-none]"))) {
      setActions($$("#sim-picker-actions [data-sim-action]"), false);
    } else if ((button = target.closest("[data-sim-remove-action]"))) {
      button.closest("tr").remove();
      syncPicker();
      updateActionCount();
    } else if (target.closest("[data-sim-clear-actions]")) {
      selectedRows().forEach(function (row) { row.remove(); });
      syncPicker();
      updateActionCount();
    } else if (target.closest("[data-sim-apply-resource]")) {
      var value = $("#sim-all-resources").value.trim();
      $$("#sim-selected-rows textarea.sim-resource").forEach(function (area) { area.value = value; });
    } else if ((button = target.closest("[data-sim-add-editor]"))) {
      addEditor(button);
    } else if ((button = target.closest("[data-sim-add-level]"))) {
      addLevel(button);
    } else if ((button = target.closest("[data-sim-remove-editor]"))) {
      var cell = button.closest("td[id^='sim-override-']");
      button.closest(".sim-editor").remove();
      if (cell) {
        var edit = $("[data-sim-edit]", cell.closest("tr").previousElementSibling);
        if (edit) edit.hidden = false;
      }
      refreshContext();
    } else if ((button = target.closest("[data-sim-load]"))) {
      loadPolicy(button);
    } else if ((button = target.closest("[data-sim-remove-row]"))) {
      button.closest("tr").remove();
    } else if ((button = target.closest("[data-sim-now]"))) {
      var input = document.getElementById(button.getAttribute("data-sim-now"));
      input.value = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    } else if (target.closest("[data-sim-refresh-context]")) {
      refreshContext();
    } else if ((button = target.closest("[data-sim-filter]"))) {
      setFilter(button.closest("[data-sim-results]"), button.getAttribute("data-sim-filter"), true);
    } else if ((button = target.closest("[data-sim-statement]"))) {
      if (openViewer(button)) event.preventDefault();
    } else if (target.closest("[data-viewer-close]")) {
      document.getElementById("sim-viewer").close();
    } else if (target.id === "sim-viewer") {
      target.close();  // a click on the backdrop
    } else if ((button = target.closest("[data-sim-share]"))) {
      copy(new URL(button.getAttribute("data-sim-share"), window.location.href).toString(), button);
    } else if ((button = target.closest("[data-sim-copy-link]"))) {
      copy(window.location.href, button);
    } else if ((button = target.closest("[data-sim-focus]"))) {
      var field = document.getElementById(button.getAttribute("data-sim-focus"));
      if (!field) return;
      event.preventDefault();
      var details = field.closest("details");
      while (details) { details.open = true; details = details.parentElement.closest("details"); }
      var line = parseInt(button.getAttribute("data-line"), 10);
      if (line && window.iamPolicyEditor && field.tagName === "TEXTAREA") {
        field.scrollIntoView({ block: "center" });
        window.iamPolicyEditor.moveTo(field, line, parseInt(button.getAttribute("data-column"), 10) || 1);
      } else {
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
    }
  }

  function onChange(event) {
    var target = event.target;
    if (target.matches("[data-sim-mode]")) {
      applyMode();
      refreshContext();
    } else if (target.matches("[data-sim-action]")) {
      setActions([target], target.checked);
    } else if (target.matches("[data-sim-level-toggle]")) {
      setActions($$("[data-sim-action]", target.closest(".sim-level-group")), target.checked);
    } else if (target.matches("[data-sim-template]")) {
      var area = target.parentElement.querySelector("textarea");
      if (target.value && area) {
        var lines = area.value.trim() ? area.value.trim().split("\n") : [];
        lines.push(target.value);
        area.value = lines.filter(function (l) { return l.trim() && l.trim() !== "*"; }).join("\n");
        area.rows = Math.min(4, lines.length);
        area.focus();
      }
      target.value = "";
    } else if (target.matches("[data-sim-exclude]")) {
      // A managed policy attached twice (directly and via a group) is left out by its ARN:
      // every row of it follows.
      $$("[data-sim-exclude]", form).forEach(function (box) {
        if (box.value !== target.value) return;
        box.checked = target.checked;
        box.closest("tr").classList.toggle("is-excluded", target.checked);
      });
      refreshContext();
    } else if (target.matches(".sim-editor textarea")) {
      refreshContext();
    }
  }

  function onSwap(event) {
    var target = event.detail.target;
    if (!target) return;
    if (target.id === "sim-picker-actions") {
      syncPicker();
    } else if (target.id === "sim-principal-policies") {
      refreshContext();
    } else if (target.id && target.id.indexOf("sim-override-") === 0) {
      var edit = $("[data-sim-edit]", target.closest("tr").previousElementSibling);
      if (edit) edit.hidden = true;
      refreshContext();
    } else if (target.id === "sim-results") {
      initResults(target);
      var heading = $("#sim-results-title", target) || $(".sim-errors", target);
      if (heading) {
        heading.scrollIntoView({ behavior: "smooth", block: "start" });
        if (heading.id) heading.focus({ preventScroll: true });
      }
    }
  }

  // A whole service's actions as separate fields would pass Django's 1,000-field limit: send
  // the selected-actions table as one JSON field instead (the server reads either form).
  function collapseActions(event) {
    var params = event.detail.parameters;
    if (!params || params.action === undefined) return;
    var rows = selectedRows().map(function (row) {
      var action = row.getAttribute("data-sim-row");
      var area = row.querySelector("textarea");
      return [action, area ? area.value : "*"];
    });
    Object.keys(params).forEach(function (name) {
      if (name === "action" || name.indexOf("resource:") === 0) delete params[name];
    });
    params.actions_json = JSON.stringify(rows);
  }

  function init() {
    form = document.getElementById("sim-form");
    if (!form) return;
    applyMode();
    updateActionCount();
    initResults(document.getElementById("sim-results"));
    document.addEventListener("click", onClick);
    document.addEventListener("change", onChange);
    document.addEventListener("input", function (event) {
      var search = event.target.closest("[data-sim-search]");
      if (search) applyFilter(search.closest("[data-sim-results]"));
    });
    document.addEventListener("focusin", function (event) {
      if (event.target.matches("[data-sim-load-input]")) loadPolicyNames();
    });
    document.body.addEventListener("htmx:afterSwap", onSwap);
    document.body.addEventListener("htmx:configRequest", collapseActions);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
