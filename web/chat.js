// Mount rasa-webchat (loaded from webchat.js) on #webchat, talking to the socketio
// channel of the Rasa server that served this page (same origin), and make its
// answers readable and checkable:
//
// - A reply arrives as markdown paragraphs rendered by the server from the reply's
//   parts (channels/render.py): the answer; "Source: the article, section N
//   (Title)." with each section a link to the article reader
//   (/webhooks/webpage/article?fact=<id>#section-N, which highlights the sentences
//   the answer quotes); the caveat with its label in bold; a safety text all in
//   bold. Each paragraph is shown as its own block here: the answer, a small source
//   line, the caveat set apart, the safety text strongest. The citation links are
//   resolved against the assistant's own server (also when the widget is embedded
//   in another site) and open in a new tab, announced to screen readers, so the
//   chat stays open. Any other link is shown as plain text.
// - Accessibility: new bot messages are copied into the #chat-announcer live
//   region; the buttons are focusable and work with Enter and Space; the send
//   button has a name.
//
// The widget's own nodes are never removed (React owns them): the formatted copy is
// added beside the widget's text, which is hidden. Every text goes in through
// textContent, never as HTML.
(function () {
  "use strict";

  var SOURCE = "Source:";
  var CAVEAT = "General guidance (not from the article):";
  var NEW_TAB = " (opens in a new tab)";
  var script = document.currentScript;
  var base = new URL(".", script ? script.src : window.location.href);
  var reader = new URL("article", base);
  var mount = document.getElementById("webchat");
  var announcer = document.getElementById("chat-announcer");
  var historyMarked = false;   // messages restored on reload are not announced again

  window.WebChat.default({
    // the server this script came from: the page's own origin, or the assistant's
    // when the widget is embedded in another site (README, "Embed the widget")
    socketUrl: base.origin,
    socketPath: "/socket.io/",
    initPayload: "/greet",           // greeting with the four topic buttons
    title: "Article assistant",
    subtitle: "Explains one article, not a doctor",
    inputTextFieldHint: "Ask about the article…",
    embedded: true,                  // always open, fills #webchat
    showFullScreenButton: false,
    showMessageDate: false,
    hideWhenNotConnected: false,
    params: { storage: "local" },   // keep the session (and history) across reloads
    customMessageDelay: function () { return 300; }
  }, mount);

  // A citation the server wrote: the article reader on the assistant's server.
  // Anything else is not linked.
  function citationUrl(href) {
    var url;
    try { url = new URL(href, base.origin); } catch (e) { return null; }
    return url.origin === reader.origin && url.pathname === reader.pathname ? url : null;
  }

  function citation(anchor) {
    var url = citationUrl(anchor.getAttribute("href") || "");
    if (!url) { return document.createTextNode(anchor.textContent); }
    var link = document.createElement("a");
    link.className = "citation";
    link.href = url.href;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = anchor.textContent;
    var note = document.createElement("span");
    note.className = "visually-hidden";
    note.textContent = NEW_TAB;
    link.appendChild(note);
    return link;
  }

  function block(kind) {
    var element = document.createElement("p");
    element.className = "answer-" + kind;
    return element;
  }

  // The source line: its text, its citation links rebuilt.
  function sourceBlock(paragraph) {
    var element = block("source");
    paragraph.childNodes.forEach(function (node) {
      element.appendChild(node.nodeName === "A" ? citation(node)
        : document.createTextNode(node.textContent));
    });
    return element;
  }

  function caveatBlock(rest) {
    var element = block("caveat");
    var label = document.createElement("strong");
    label.textContent = CAVEAT;
    element.appendChild(label);
    element.appendChild(document.createTextNode(" " + rest.trim()));
    return element;
  }

  function textBlock(kind, text) {
    var element = block(kind);
    if (kind === "safety") {
      var strong = document.createElement("strong");
      strong.textContent = text;
      element.appendChild(strong);
    } else {
      element.textContent = text;
    }
    return element;
  }

  function elements(paragraph) {
    return Array.prototype.filter.call(paragraph.childNodes, function (node) {
      return node.nodeType === 1 || node.textContent.trim();
    });
  }

  // One paragraph of the widget's markdown as blocks; a paragraph of several lines
  // (a plain-text reply) as one block per line.
  function blocksOf(paragraph) {
    var nodes = elements(paragraph);
    var text = paragraph.textContent.trim();
    if (nodes.length === 1 && nodes[0].nodeName === "STRONG") {
      return [textBlock("safety", text)];
    }
    if (nodes.length && nodes[0].nodeName === "STRONG" && nodes[0].textContent === CAVEAT) {
      return [caveatBlock(text.slice(CAVEAT.length))];
    }
    if (text.indexOf(SOURCE) === 0 && text.indexOf("\n") < 0) {
      return [sourceBlock(paragraph)];
    }
    return text.split("\n").filter(function (line) { return line.trim(); })
      .map(function (line) {
        line = line.trim();
        if (line.indexOf(CAVEAT) === 0) { return caveatBlock(line.slice(CAVEAT.length)); }
        return textBlock(line.indexOf(SOURCE) === 0 ? "source" : "text", line);
      });
  }

  // The blocks of a reply the widget rendered as paragraphs of text, links and bold;
  // null when its markdown made lists, code or images (then it is left as rendered).
  function readable(markdown) {
    var blocks = [];
    var children = markdown.children;
    for (var i = 0; i < children.length; i++) {
      if (children[i].tagName !== "P") { return null; }
      var nodes = children[i].childNodes;
      for (var j = 0; j < nodes.length; j++) {
        if (nodes[j].nodeType !== 3 && !/^(A|BR|EM|STRONG)$/.test(nodes[j].nodeName)) {
          return null;
        }
      }
      blocks = blocks.concat(blocksOf(children[i]));
    }
    return blocks.length ? blocks : null;
  }

  function format(text) {
    var markdown = text.querySelector(".rw-markdown");
    var blocks = markdown && readable(markdown);
    text.setAttribute("data-formatted", blocks ? "yes" : "as-rendered");
    if (!blocks) { return; }
    var box = document.createElement("div");
    box.className = "answer";
    blocks.forEach(function (element) { box.appendChild(element); });
    markdown.hidden = true;
    text.appendChild(box);
  }

  function announce(response) {
    if (!announcer) { return; }
    var text = response.querySelector(".rw-markdown").textContent.replace(/\s+/g, " ").trim();
    if (!text) { return; }
    var item = document.createElement("p");
    item.textContent = "Assistant: " + text;
    announcer.appendChild(item);
    while (announcer.childNodes.length > 5) { announcer.removeChild(announcer.firstChild); }
  }

  function pressOnEnter(event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.currentTarget.click();
    }
  }

  function enhance() {
    var container = mount.querySelector(".rw-messages-container");
    if (container && !historyMarked) {
      historyMarked = true;
      container.setAttribute("tabindex", "0");  // scrollable: reachable by keyboard
      container.setAttribute("aria-label", "Conversation");
      container.setAttribute("role", "region");
      container.querySelectorAll(".rw-response").forEach(function (response) {
        response.setAttribute("data-announced", "history");
      });
    }
    mount.querySelectorAll(".rw-response:not([data-announced])").forEach(function (response) {
      if (!response.querySelector(".rw-markdown")) { return; }  // e.g. the typing dots
      response.setAttribute("data-announced", "yes");
      announce(response);
    });
    mount.querySelectorAll(".rw-response .rw-message-text:not([data-formatted])")
      .forEach(format);
    mount.querySelectorAll(".rw-reply:not([data-keyboard])").forEach(function (reply) {
      reply.setAttribute("data-keyboard", "yes");
      if (reply.tagName !== "A") {
        reply.setAttribute("role", "button");
        reply.setAttribute("tabindex", "0");
        reply.addEventListener("keydown", pressOnEnter);
      }
    });
    var send = mount.querySelector(".rw-send");
    if (send && !send.hasAttribute("aria-label")) { send.setAttribute("aria-label", "Send"); }
    var input = mount.querySelector(".rw-new-message");
    if (input && !input.hasAttribute("aria-label")) {
      input.setAttribute("aria-label", "Your question");
    }
  }

  new MutationObserver(enhance).observe(mount, { childList: true, subtree: true });
  enhance();
})();
