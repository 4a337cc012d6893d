// iamconsole policy editor: line numbers, JSON highlighting, formatting and jumping to findings.
// The textarea stays the real form field; a highlighted copy is drawn behind it.
(function () {
  "use strict";
  var TOKEN = /("(?:\\.|[^"\\])*"(\s*:)?|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\btrue\b|\bfalse\b|\bnull\b|[{}\[\],])/g;

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function highlight(text) {
    var out = "", last = 0;
    text.replace(TOKEN, function (match, str, colon, offset) {
      out += escapeHtml(text.slice(last, offset));
      var cls = "tok-punct";
      // Group 1 is the whole token: only a leading quote makes it a key or a string.
      if (str.charAt(0) === '"') cls = colon ? "tok-key" : "tok-string";
      else if (/^-?\d/.test(match)) cls = "tok-number";
      else if (/^(true|false|null)$/.test(match)) cls = "tok-literal";
      out += '<span class="' + cls + '">' + escapeHtml(match) + "</span>";
      last = offset + match.length;
      return match;
    });
    // A trailing newline needs a character after it, or the last line collapses.
    return out + escapeHtml(text.slice(last)) + "\n";
  }

  function setUp(editor) {
    var input = editor.querySelector("[data-editor-input]");
    var code = editor.querySelector("[data-editor-highlight]");
    var gutter = editor.querySelector("[data-editor-gutter]");
    var pre = code.parentElement;

    function render() {
      code.innerHTML = highlight(input.value);
      var lines = input.value.split("\n").length, numbers = [];
      for (var i = 1; i <= lines; i++) numbers.push(i);
      gutter.textContent = numbers.join("\n");
      sync();
    }
    function sync() {
      pre.scrollTop = input.scrollTop;
      pre.scrollLeft = input.scrollLeft;
      gutter.scrollTop = input.scrollTop;
    }
    input.addEventListener("input", render);
    input.addEventListener("scroll", sync);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && !event.shiftKey && !event.ctrlKey && !event.altKey) {
        // Two spaces, like the AWS editor; Escape then Tab still leaves the field.
        if (editor.dataset.escaped === "1") { editor.dataset.escaped = ""; return; }
        event.preventDefault();
        input.setRangeText("  ", input.selectionStart, input.selectionEnd, "end");
        render();
      } else if (event.key === "Escape") {
        editor.dataset.escaped = "1";
      }
    });
    var format = editor.querySelector("[data-editor-format]");
    if (format) {
      format.addEventListener("click", function () {
        try {
          input.value = JSON.stringify(JSON.parse(input.value), null, 4);
          render();
          input.dispatchEvent(new Event("input", { bubbles: true }));
        } catch (err) {
          input.focus();
        }
      });
    }
    editor.addEventListener("click", function (event) {
      var jump = event.target.closest(".finding-jump");
      if (!jump) return;
      moveTo(input, parseInt(jump.dataset.line, 10), parseInt(jump.dataset.column, 10));
    });
    render();
  }

  function moveTo(input, line, column) {
    var lines = input.value.split("\n"), offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(column - 1, 0);
    input.focus();
    input.setSelectionRange(offset, offset + 1);
    var lineHeight = parseFloat(getComputedStyle(input).lineHeight) || 18;
    input.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  function init(root) {
    root.querySelectorAll("[data-policy-editor]").forEach(function (editor) {
      if (editor.dataset.ready) return;
      editor.dataset.ready = "1";
      setUp(editor);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
  window.iamPolicyEditor = { moveTo: moveTo, highlight: highlight };
})();
