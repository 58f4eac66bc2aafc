"""The operator report (`make report`): one self-contained HTML page.

    .venv/bin/python -m insights.report [--out results/insights/report.html] [--days N]

Reads the analytics table (insights/store.py), applies INSIGHTS_RETENTION_DAYS first
(rows past it are deleted, not only hidden), and writes the page (plots as embedded
PNG, made with matplotlib) and, beside it, the same figures as JSON. Days are UTC.

What a turn is: a user message and the events up to the next one. Its reply kind
comes from the bot's wording (actions/replies.py, actions/safety/):

- emergency / urgent: the reply opens "Please call your local emergency number now"
  / "Please see a doctor soon" (counts only; the message's text is never shown);
- did you mean: "I'm not sure which you mean. Did you mean:";
- out of scope / fallback: the two "Sorry, ..." replies; both are *unanswered*;
- answered: a reply with a "Source: the article" line; its topic is the `last_topic`
  slot after the turn.

No sender id is in the table or the report (only a keyed hash, used for counting).

Over 400 lines on purpose: the figures and the page that shows them, one small
function per section; split it when a second report needs the figures.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import html
import io
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actions import replies
from actions.lab_limits import LIMITS
from actions.lab_values import LabReading, check_plausible, find_unit, to_mmol_per_l
from insights import clusters as clustering
from insights.store import DAY, Store, retention_days

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path("results/insights/report.html")
KINDS = ("answered", "did_you_mean", "out_of_scope", "fallback", "emergency", "urgent", "other")
KIND_TITLES = {
    "answered": "answered from the article",
    "did_you_mean": '"did you mean"',
    "out_of_scope": "out of scope",
    "fallback": "not understood (fallback)",
    "emergency": "emergency screen",
    "urgent": "urgent screen",
    "other": "small talk, other",
}
# The opening words of the bot's own replies (lower-cased, as the turns are compared)
DID_YOU_MEAN = replies.DID_YOU_MEAN.lower()
OUT_OF_SCOPE = replies.SMALL_TALK["out_of_scope"].split(",")[0].lower()
FALLBACK = replies.SMALL_TALK["fallback"].split(".")[0].lower()
SOURCE = "source: the article"


@dataclass
class Turn:
    day: str
    ts: float
    text: str | None
    labs: list[dict] = field(default_factory=list)
    bot: list[tuple[float, str, str | None]] = field(default_factory=list)  # ts, text, screen
    topic_set: str | None = None
    topic: str | None = None
    kind: str = "other"

    @property
    def latency(self) -> float | None:
        return self.bot[0][0] - self.ts if self.bot else None


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).date().isoformat()


def _kind(turn: Turn) -> str:
    screens = {s for _, _, s in turn.bot if s}
    if "emergency" in screens:
        return "emergency"
    if "urgent" in screens:
        return "urgent"
    texts = [t.strip().lower() for _, t, _ in turn.bot]
    if any(t.startswith(DID_YOU_MEAN) for t in texts):
        return "did_you_mean"
    if any(t.startswith(OUT_OF_SCOPE) for t in texts):
        return "out_of_scope"
    if any(t.startswith(FALLBACK) for t in texts):
        return "fallback"
    if any(SOURCE in t for t in texts):
        return "answered"
    return "other"


def conversations(rows: list[dict[str, Any]]) -> dict[str, list[Turn]]:
    """Turns per conversation (keyed by the sender hash), in time order."""
    by_sender: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_sender[row["sender_hash"]].append(row)
    result: dict[str, list[Turn]] = {}
    for sender, events in by_sender.items():
        events.sort(key=lambda r: (r["ts"], r["event_type"] != "user"))
        turns: list[Turn] = []
        last_topic: str | None = None
        for row in events:
            kind = row["event_type"]
            if kind == "user":
                turns.append(
                    Turn(
                        _day(row["ts"]),
                        row["ts"],
                        row["text"],
                        json.loads(row["labs"]) if row["labs"] else [],
                    )
                )
            elif not turns:
                if kind == "slot" and row["name"] == "last_topic":
                    last_topic = json.loads(row["value"] or "null")
            elif kind == "bot":
                turns[-1].bot.append((row["ts"], row["text"] or "", row["screen"]))
            elif kind == "slot" and row["name"] == "last_topic":
                turns[-1].topic_set = json.loads(row["value"] or "null")
        for turn in turns:
            turn.kind = _kind(turn)
            last_topic = turn.topic_set or last_topic
            if turn.kind in ("answered", "urgent") and any(SOURCE in t.lower() for _, t, _ in turn.bot):
                turn.topic = last_topic
        if turns:
            result[sender] = turns
    return result


def _lab_bins(convs: dict[str, list[Turn]]) -> list[dict[str, Any]]:
    """Users' lab values by band (the reference range and critical limits of
    actions/lab_limits.py); a value whose unit came in the next message is completed
    with it, one still without a unit is counted as such."""
    counts: Counter = Counter()
    for turns in convs.values():
        for i, turn in enumerate(turns):
            for lab in turn.labs:
                unit = lab.get("unit")
                if unit is None and i + 1 < len(turns):
                    following = (turns[i + 1].text or "").strip()
                    if len(following) <= 40 or following.startswith("/give_unit"):
                        unit = find_unit(following)  # "mmol/L", or the unit button
                test = lab["test"]
                if unit is None:
                    counts[(test, "unit not given")] += 1
                    continue
                reading = LabReading(test, float(lab["value"]), unit, "")
                if check_plausible(reading) is not None or test not in LIMITS:
                    counts[(test, "not a possible value")] += 1
                    continue
                counts[(test, LIMITS[test].band(to_mmol_per_l(test, reading.value, unit)).value)] += 1
    order = [
        "critically low",
        "below the usual range",
        "within the usual range",
        "above the usual range",
        "critically high",
        "unit not given",
        "not a possible value",
    ]
    return [
        {"test": t, "bin": b, "count": counts[(t, b)]}
        for t in sorted({t for t, _ in counts})
        for b in order
        if counts[(t, b)]
    ]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def figures(
    rows: list[dict[str, Any]], lemmatize=clustering.spacy_lemmas, retention: float = 0.0
) -> dict[str, Any]:
    convs = conversations(rows)
    turns = [t for ts in convs.values() for t in ts]
    per_day: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"conversations": set(), "messages": 0, "emergency": 0, "urgent": 0}
    )
    for sender, ts in convs.items():
        for turn in ts:
            day = per_day[turn.day]
            day["conversations"].add(sender)
            day["messages"] += 1
            if turn.kind in ("emergency", "urgent"):
                day[turn.kind] += 1
    kinds = Counter(t.kind for t in turns)
    unanswered = [
        t.text
        for t in turns
        if t.kind in ("out_of_scope", "fallback") and t.text and not t.text.startswith("/")
    ]
    latencies = [t.latency * 1000 for t in turns if t.latency is not None and t.latency >= 0]
    lengths = [len(ts) for ts in convs.values()]
    days = sorted(per_day)
    return {
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "period": {
            "first_day": days[0] if days else None,
            "last_day": days[-1] if days else None,
            "retention_days": retention or None,
        },
        "conversations": len(convs),
        "messages": len(turns),
        "per_day": [
            {"day": d, "conversations": len(per_day[d]["conversations"]), "messages": per_day[d]["messages"]}
            for d in days
        ],
        "topics": dict(
            sorted(Counter(t.topic for t in turns if t.topic).items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        "replies": {k: kinds.get(k, 0) for k in KINDS},
        "rates": {
            k: round(kinds.get(k, 0) / len(turns), 4) if turns else 0.0
            for k in ("fallback", "out_of_scope", "did_you_mean")
        },
        "unanswered": [
            {"label": c.label, "count": c.count, "example": c.example}
            for c in clustering.cluster(unanswered, lemmatize)
        ],
        "screens": {"emergency": kinds.get("emergency", 0), "urgent": kinds.get("urgent", 0)},
        "screens_per_day": [
            {"day": d, "emergency": per_day[d]["emergency"], "urgent": per_day[d]["urgent"]} for d in days
        ],
        "lab_values": _lab_bins(convs),
        "conversation_length": {
            "median_messages": statistics.median(lengths) if lengths else 0,
            "max_messages": max(lengths, default=0),
        },
        "latency_ms": (
            {
                "p50": round(_percentile(latencies, 0.5), 1),
                "p95": round(_percentile(latencies, 0.95), 1),
                "p99": round(_percentile(latencies, 0.99), 1),
                "n": len(latencies),
            }
            if latencies
            else None
        ),
    }


# ---------------------------------------------------------------------------- HTML


def _plot(draw) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=100)
    draw(ax)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _barh(labels: list[str], values: list[float], color: str = "#2a6f97", xlabel: str = ""):
    def draw(ax):
        positions = range(len(labels))
        ax.barh(list(positions), values, color=color)
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        for y, v in zip(positions, values):
            ax.text(v, y, f" {v:g}", va="center", fontsize=8)

    return draw


def _per_day(fig: dict[str, Any]):
    def draw(ax):
        days = [d["day"] for d in fig["per_day"]]
        x = range(len(days))
        ax.bar(
            [i - 0.2 for i in x],
            [d["conversations"] for d in fig["per_day"]],
            0.4,
            label="conversations",
            color="#2a6f97",
        )
        ax.bar(
            [i + 0.2 for i in x],
            [d["messages"] for d in fig["per_day"]],
            0.4,
            label="messages",
            color="#a9d6e5",
        )
        ax.set_xticks(list(x), days, rotation=30 if len(days) > 6 else 0, fontsize=8)
        ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)

    return draw


def _screens(fig: dict[str, Any]):
    def draw(ax):
        days = [d["day"] for d in fig["screens_per_day"]]
        x = list(range(len(days)))
        emergency = [d["emergency"] for d in fig["screens_per_day"]]
        ax.bar(x, emergency, color="#c1121f", label="emergency")
        ax.bar(
            x,
            [d["urgent"] for d in fig["screens_per_day"]],
            bottom=emergency,
            color="#f4a261",
            label="urgent",
        )
        ax.set_xticks(x, days, rotation=30 if len(days) > 6 else 0, fontsize=8)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)

    return draw


def _lengths(lengths: list[int]):
    def draw(ax):
        ax.hist(lengths, bins=range(1, max(lengths, default=1) + 2), color="#2a6f97", align="left")
        ax.set_xlabel("user messages per conversation")
        ax.set_ylabel("conversations")

    return draw


def _img(data: str, alt: str) -> str:
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def _table(headers: list[str], rows: list[list[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _topic_titles() -> dict[str, str]:
    try:
        from actions import knowledge

        return {k: v.title for k, v in knowledge.default().topics.items()}
    except Exception:  # noqa: BLE001 - ids are fine too
        return {}


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;
color:#1b1b1b;padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.9rem}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}
td,th{border:1px solid #ddd;padding:.25rem .6rem;text-align:left}th{background:#f3f6f8}
td:nth-child(n+2){font-variant-numeric:tabular-nums}img{max-width:100%;height:auto}
.note{color:#555;font-size:.85rem}
"""


def _section(title: str, note: str | None, image: str | None, table: str) -> str:
    parts = [f"<h2>{html.escape(title)}</h2>"]
    if note:
        parts.append(f'<p class="note">{html.escape(note)}</p>')
    if image:
        parts.append(image)
    parts.append(table)
    return "\n".join(parts)


def _unanswered(fig: dict[str, Any]) -> str:
    groups = fig["unanswered"]
    top = groups[:15]
    image = (
        _img(
            _plot(
                _barh(
                    [c["label"] for c in top], [c["count"] for c in top], color="#8d99ae", xlabel="questions"
                )
            ),
            "Bar chart of unanswered question groups",
        )
        if top
        else None
    )
    return _section(
        "What the article couldn't answer, grouped by words",
        "Out-of-scope and not-understood messages, grouped by their main lemma (spaCy), with one "
        "example each. Messages that got an emergency or urgent screen are never shown.",
        image,
        _table(
            ["group (lemmas)", "questions", "example"],
            [[c["label"], c["count"], c["example"]] for c in groups],
            "unanswered",
        ),
    )


def _topics(fig: dict[str, Any]) -> str:
    titles = _topic_titles()
    topics = fig["topics"]
    image = (
        _img(
            _plot(_barh([titles.get(t, t) for t in topics], list(topics.values()), xlabel="answers")),
            "Bar chart of answers per topic",
        )
        if topics
        else None
    )
    return _section(
        "Topics asked",
        "Answers from the article, by the topic of the fact answered.",
        image,
        _table(["topic", "answers"], [[titles.get(t, t), n] for t, n in topics.items()], "topics"),
    )


def _replies(fig: dict[str, Any]) -> str:
    replies, total = fig["replies"], max(fig["messages"], 1)
    image = _img(
        _plot(
            _barh(
                [KIND_TITLES[k] for k in KINDS],
                [replies[k] for k in KINDS],
                color="#6c757d",
                xlabel="user messages",
            )
        ),
        "Bar chart of reply kinds",
    )
    return _section(
        'Replies: answered, "did you mean", fallback',
        None,
        image,
        _table(
            ["reply", "messages", "share"],
            [[KIND_TITLES[k], replies[k], f"{replies[k] / total:.1%}"] for k in KINDS],
            "replies",
        ),
    )


def _screens_section(fig: dict[str, Any]) -> str:
    return _section(
        "Emergency and urgent screens per day",
        'Counts only: replies that opened with "Please call your local emergency number now" or '
        '"Please see a doctor soon".',
        _img(_plot(_screens(fig)), "Stacked bar chart of emergency and urgent screens per day"),
        _table(
            ["day", "emergency", "urgent"],
            [[d["day"], d["emergency"], d["urgent"]] for d in fig["screens_per_day"]],
            "screens",
        ),
    )


def _per_day_section(fig: dict[str, Any]) -> str:
    return _section(
        "Conversations and messages per day",
        None,
        _img(_plot(_per_day(fig)), "Bar chart of conversations and messages per day"),
        _table(
            ["day", "conversations", "messages"],
            [[d["day"], d["conversations"], d["messages"]] for d in fig["per_day"]],
            "per-day",
        ),
    )


def _labs(fig: dict[str, Any]) -> str:
    labs = fig["lab_values"]
    image = (
        _img(
            _plot(
                _barh(
                    [f'{r["test"]}: {r["bin"]}' for r in labs],
                    [r["count"] for r in labs],
                    color="#588157",
                    xlabel="values",
                )
            ),
            "Bar chart of lab values by band",
        )
        if labs
        else None
    )
    return _section(
        "Lab values users typed",
        "By band against the usual adult reference range and critical limits "
        "(docs/medical-notes.md); no values per person.",
        image,
        _table(["test", "band", "values"], [[r["test"], r["bin"], r["count"]] for r in labs], "labs"),
    )


def _length_and_time(fig: dict[str, Any], lengths: list[int]) -> str:
    length, latency = fig["conversation_length"], fig["latency_ms"]
    parts = [
        "<h2>Conversation length and reply time</h2>",
        f'<p>Median: <b>{length["median_messages"]:g}</b> user messages per conversation '
        f'(longest {length["max_messages"]}).</p>',
    ]
    if lengths:
        parts.append(_img(_plot(_lengths(lengths)), "Histogram of conversation lengths"))
    parts.append(
        f'<p>From the user\'s message to the first reply, inside Rasa: p50 {latency["p50"]:g} ms, '
        f'p95 {latency["p95"]:g} ms, p99 {latency["p99"]:g} ms ({latency["n"]} replies).</p>'
        if latency
        else "<p>No replies yet.</p>"
    )
    return "\n".join(parts)


def render(fig: dict[str, Any], lengths: list[int]) -> str:
    period = fig["period"]
    retention = f'{period["retention_days"]:g} days' if period["retention_days"] else "all kept"
    cards = [
        (fig["conversations"], "conversations"),
        (fig["messages"], "user messages"),
        (sum(c["count"] for c in fig["unanswered"]), "unanswered questions"),
        (fig["screens"]["emergency"], "emergency screens"),
        (fig["screens"]["urgent"], "urgent screens"),
        (f'{fig["conversation_length"]["median_messages"]:g}', "median messages per conversation"),
    ]
    # The figures as data, for scripts and tests (nothing in them that is not shown above).
    data = json.dumps(fig, ensure_ascii=False).replace("</", "<\\/")
    return "\n".join(
        [
            '<!doctype html><html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Assistant report: what people ask</title>",
            f"<style>{STYLE}</style></head><body>",
            "<h1>What people ask, and what the article can't answer</h1>",
            f'<p class="meta">Period (UTC): {period["first_day"]} to {period["last_day"]} &middot; '
            f'generated {fig["generated_at"]} &middot; retention: {retention}</p>',
            '<div class="cards">'
            + "".join(f'<div class="card"><b>{v}</b>{html.escape(label)}</div>' for v, label in cards)
            + "</div>",
            _unanswered(fig),
            _topics(fig),
            _replies(fig),
            _screens_section(fig),
            _per_day_section(fig),
            _labs(fig),
            _length_and_time(fig, lengths),
            f'<script type="application/json" id="figures">{data}</script>',
            "</body></html>",
        ]
    )


def build(
    store: Store, out: Path, days: float | None = None, lemmatize=clustering.spacy_lemmas
) -> dict[str, Any]:
    retention = retention_days()
    store.purge(retention)
    window = [d for d in (days, retention) if d]
    since = time.time() - min(window) * DAY if window else None
    rows = store.rows(since)
    fig = figures(rows, lemmatize, retention)
    lengths = [len(t) for t in conversations(rows).values()]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(fig, lengths), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(fig, indent=2, ensure_ascii=False), encoding="utf-8")
    return fig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--days", type=float, default=None, help="only the last N days")
    args = parser.parse_args(argv)
    out = args.out if args.out.is_absolute() else ROOT / args.out
    fig = build(Store.from_env(), out, args.days)
    print(
        f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: "
        f"{fig['conversations']} conversations, {fig['messages']} messages, "
        f"{sum(c['count'] for c in fig['unanswered'])} unanswered, "
        f"{fig['screens']['emergency']} emergency screens"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
