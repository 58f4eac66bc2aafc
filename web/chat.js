// Mount rasa-webchat (loaded from webchat.js) on #webchat, talking to the socketio
// channel of the Rasa server that served this page (same origin), and make its
// answers readable and checkable:
//
// - A reply is "answer\nSource: the article, section N (Title).\nGeneral guidance
//   (not from the article): ..." (actions/replies.py). The widget's markdown joins
//   single lines into one paragraph, so each line is shown as its own block here:
//   the answer, a small source line, and the caveat set apart.
// - "section N (Title)" and "introduction" in a source line become links to the
//   article reader (article?fact=<id>#section-N), which highlights the sentences
//   the answer quotes. The facts are recognised by their answer text, from
//   facts.json (both generated from the knowledge file by channels/pages.py).
//   Links open in a new tab, announced to screen readers, so the chat stays open.
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
  var SECTION = /section (\d+) \([^)]*\)|\bintroduction\b/g;
  var NEW_TAB = " (opens in a new tab)";
  var script = document.currentScript;
  var base = new URL(".", script ? script.src : window.location.href);
  var mount = document.getElementById("webchat");
  var announcer = document.getElementById("chat-announcer");
  var knowledge = null;        // facts.json once loaded ({facts: [], thresholds: {}})
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

  function normalise(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  // The facts whose answer the reply contains and that stand in section `number`.
  function factsFor(number, answer) {
    var said = " " + normalise(answer) + " ";
    var ids = knowledge.facts.filter(function (fact) {
      return fact.sections.indexOf(number) >= 0 &&
        said.indexOf(" " + normalise(fact.answer) + " ") >= 0;
    }).map(function (fact) { return fact.id; });
    if (ids.length === 0 && /article's threshold/.test(answer)) {
      // a lab result compared with the article's threshold: that test's fact
      Object.keys(knowledge.thresholds).forEach(function (test) {
        var id = knowledge.thresholds[test];
        var fact = knowledge.facts.filter(function (f) { return f.id === id; })[0];
        if (fact && fact.sections.indexOf(number) >= 0 &&
            new RegExp("\\b" + test + "\\b", "i").test(answer) && ids.indexOf(id) < 0) {
          ids.push(id);
        }
      });
    }
    return ids;
  }

  function citation(label, number, answer) {
    var url = new URL("article", base);
    factsFor(number, answer).forEach(function (id) { url.searchParams.append("fact", id); });
    url.hash = "section-" + number;
    var link = document.createElement("a");
    link.className = "citation";
    link.href = url.href;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = label;
    var note = document.createElement("span");
    note.className = "visually-hidden";
    note.textContent = NEW_TAB;
    link.appendChild(note);
    return link;
  }

  function sourceBlock(line, answer) {
    var block = document.createElement("p");
    block.className = "answer-source";
    var last = 0;
    var match;
    SECTION.lastIndex = 0;
    while ((match = SECTION.exec(line)) !== null) {
      block.appendChild(document.createTextNode(line.slice(last, match.index)));
      block.appendChild(citation(match[0], match[1] ? Number(match[1]) : 0, answer));
      last = match.index + match[0].length;
    }
    block.appendChild(document.createTextNode(line.slice(last)));
    return block;
  }

  function caveatBlock(line) {
    var block = document.createElement("p");
    block.className = "answer-caveat";
    var label = document.createElement("strong");
    label.textContent = CAVEAT;
    block.appendChild(label);
    block.appendChild(document.createTextNode(" " + line.slice(CAVEAT.length).trim()));
    return block;
  }

  // The reply's lines when the widget rendered it as plain paragraphs; null when the
  // markdown made lists, links or code of it (then it is left as rendered).
  function plainLines(markdown) {
    var lines = [];
    var blocks = markdown.children;
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].tagName !== "P") { return null; }
      var nodes = blocks[i].childNodes;
      for (var j = 0; j < nodes.length; j++) {
        if (nodes[j].nodeType !== 3 && !/^(BR|EM|STRONG)$/.test(nodes[j].nodeName)) {
          return null;
        }
      }
      blocks[i].textContent.split("\n").forEach(function (line) {
        if (line.trim()) { lines.push(line.trim()); }
      });
    }
    return lines.length ? lines : null;
  }

  function format(text) {
    var markdown = text.querySelector(".rw-markdown");
    var lines = markdown && plainLines(markdown);
    text.setAttribute("data-formatted", lines ? "yes" : "as-rendered");
    if (!lines) { return; }
    var answer = lines.filter(function (line) {
      return line.indexOf(SOURCE) !== 0 && line.indexOf(CAVEAT) !== 0;
    }).join(" ");
    var box = document.createElement("div");
    box.className = "answer";
    lines.forEach(function (line) {
      var block;
      if (line.indexOf(SOURCE) === 0) {
        block = sourceBlock(line, answer);
      } else if (line.indexOf(CAVEAT) === 0) {
        block = caveatBlock(line);
      } else {
        block = document.createElement("p");
        block.className = "answer-text";
        block.textContent = line;
      }
      box.appendChild(block);
    });
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
    if (knowledge) {
      mount.querySelectorAll(".rw-response .rw-message-text:not([data-formatted])")
        .forEach(format);
    }
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

  fetch(new URL("facts.json", base).href)
    .then(function (response) { return response.json(); })
    .catch(function () { return { facts: [], thresholds: {} }; })
    .then(function (data) { knowledge = data; enhance(); });
})();
