// Mount rasa-webchat (loaded from webchat.js) on #webchat, talking to the socketio
// channel of the Rasa server that served this page (same origin).
(function () {
  "use strict";
  window.WebChat.default({
    socketUrl: window.location.origin,
    socketPath: "/socket.io/",
    initPayload: "/greet",           // greeting with the four topic buttons
    title: "Muscle Twitching Explainer",
    subtitle: "Explains one article, not a doctor",
    inputTextFieldHint: "Ask about muscle twitching…",
    embedded: true,                  // always open, fills #webchat
    showFullScreenButton: false,
    showMessageDate: false,
    hideWhenNotConnected: false,
    params: { storage: "local" },   // keep the session (and history) across reloads
    customMessageDelay: function () { return 300; }
  }, document.getElementById("webchat"));
})();
