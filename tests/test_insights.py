"""Operator insights (issue 15): events through RabbitMQ into the analytics table, and
the report.

The end-to-end test starts the action server and a Rasa server whose events go to
RabbitMQ (the machine's broker at 127.0.0.1:5672, guest/guest; skipped when it is
not running), sends the 50 scripted conversations below, and checks the report's
figures against the script. On the way the consumer is killed (SIGKILL) mid-stream,
a consumer "crash" between the write and the ack is replayed (10 events written,
not acked, redelivered), and the consumer is stopped (SIGTERM) and restarted; the
analytics table must then hold exactly the events of the tracker store, none lost
and none twice. Each run uses its own exchange and queue, deleted afterwards.

Over 400 lines on purpose: one end-to-end scenario (50 scripted conversations through
RabbitMQ, the consumer killed mid-stream) whose script and checks belong together.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

from eval.servers import MODEL, QUIET_ENV, ActionServer, RasaServer, default_endpoints, get_json
from insights import broker, clusters
from insights.store import Store, sender_hash

pytestmark = pytest.mark.servers

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
AMQP = {"EVENT_BROKER_URL": "amqp://guest@127.0.0.1:5672", "EVENT_BROKER_PASSWORD": "guest"}

# --------------------------------------------------------------------------- the script
# Each message with what the assistant does with it: the topic answered, or
# ("unanswered", group label), "dym" ("did you mean"), "emergency", ("urgent", topic),
# "pending" (the unit question), "other" (small talk).
CAUSES, RELIEF, DOCTOR, CRAMPS, LAB = "causes", "relief", "doctor", "cramps", "lab"
EMERGENCY, DYM, OTHER, PENDING = "emergency", "dym", "other", "pending"


def U(group: str) -> tuple[str, str]:  # noqa: N802 - reads as a label in the script
    return ("unanswered", group)


def URGENT(topic: str) -> tuple[str, str]:  # noqa: N802
    return ("urgent", topic)


SCRIPT: list[list[tuple[str, object]]] = [
    # answered from the article (21 conversations)
    [("hi", OTHER), ("what causes twitching in my sleep?", CAUSES), ("thanks, bye", OTHER)],
    [("why do my legs jerk when I fall asleep", CAUSES)],
    [("can stress cause sleep twitches?", CAUSES), ("how do I stop the twitching?", RELIEF)],
    [("is calcium deficiency a cause of twitching at night", CAUSES)],
    [("what triggers sudden jerks in sleep", CAUSES), ("thanks, bye", OTHER)],
    [("could epilepsy cause twitching during sleep", CAUSES)],
    [("what can I do to relieve night twitches", RELIEF)],
    [("which foods help with twitching", RELIEF)],
    [("any home remedies for sleep jerks", RELIEF)],
    [("when should I see a doctor about twitching?", DOCTOR)],
    [("do I need to see a doctor for sleep twitches", DOCTOR)],
    [("when is twitching in sleep serious", DOCTOR)],
    # the article's advice for the moment of a cramp is a relief fact ("get up and step on the ground")
    [("my calf cramps at night, what do I do", RELIEF)],
    # asked how to relieve one: the advice for the moment (a relief fact) since the seventh session
    [("how to relieve calf cramps", RELIEF)],
    [("what calcium level is too low?", LAB)],
    [("what magnesium level is too low", LAB)],
    [("my calcium is 1.9 mmol/L", LAB)],
    [("my magnesium is 0.6 mmol/L", LAB)],
    [("calcium 8.1 mg/dL", LAB)],
    [("my calcium result was 2.3 mmol/L", LAB)],
    [("my calcium result was 1.9", PENDING), ("mmol/L", LAB)],
    # what the article can't answer (15)
    [("hi", OTHER), ("is the flu vaccine safe for children", U("flu vaccine"))],
    [("where can I get a flu vaccine", U("flu vaccine"))],
    [("flu vaccine side effects", U("flu vaccine"))],
    [("should I get the flu vaccine this year", U("flu vaccine"))],
    [("does the flu vaccine hurt", U("flu vaccine")), ("thanks, bye", OTHER)],
    [("what's the weather tomorrow", U("weather"))],
    [("will the weather be sunny tomorrow", U("weather"))],
    [("what is the weather like today", U("weather"))],
    [("weather forecast for the weekend", U("weather"))],
    [("who won the football match yesterday", U("football win"))],
    [("who won the football game", U("football win"))],
    [("how much does a consultation cost?", U("consultation cost"))],
    [("how much do consultations cost in your clinic", U("consultation cost"))],
    [("tell me a joke", U("joke tell"))],
    [("what is the capital of france", U("capital france"))],
    # "did you mean" (2)
    # vague enough for "did you mean" ("what are your opening hours" is now read as
    # out of scope, the better reply)
    [("hmm what about the other thing", DYM)],
    [("when is the clinic open", DYM)],
    # red flags (11): 7 emergencies, 4 urgent
    [("my husband is having a seizure and won't stop shaking", EMERGENCY)],
    [("my wife is convulsing and not responding", EMERGENCY)],
    [("my son is not breathing", EMERGENCY)],
    [("my dad collapsed and is jerking on the floor", EMERGENCY)],
    [("I can't breathe and my throat is closing", EMERGENCY)],
    [("my daughter has a fever and is jerking and not responding", EMERGENCY)],
    [("what causes twitching in my sleep?", CAUSES), ("my wife is convulsing and not responding", EMERGENCY)],
    [("I woke up with a bitten tongue and a wet bed", URGENT(DOCTOR))],
    # a clear question: "bit my tongue ... woke up confused" alone is a close call between
    # the doctor topic and latent epilepsy, and this test is about the report, not the NLU
    [("I bit my tongue in my sleep and woke up confused, could it be epilepsy?", URGENT(CAUSES))],
    [("my calf cramp has lasted 20 minutes and won't ease", URGENT(CRAMPS))],
    [("tingling around my mouth and cramps in my hands", URGENT(CRAMPS))],
    # small talk only (1)
    [("hi", OTHER), ("thanks, bye", OTHER)],
]


def expected() -> dict:
    labels = [label for conversation in SCRIPT for _, label in conversation]
    topics: Counter = Counter()
    unanswered: Counter = Counter()
    for label in labels:
        if label in (CAUSES, RELIEF, DOCTOR, CRAMPS, LAB):
            topics[label] += 1
        elif isinstance(label, tuple) and label[0] == "urgent":
            topics[label[1]] += 1
        elif isinstance(label, tuple):
            unanswered[label[1]] += 1
    lengths = sorted(len(c) for c in SCRIPT)
    red_flag = [
        t
        for c in SCRIPT
        for t, label in c
        if label == EMERGENCY or (isinstance(label, tuple) and label[0] == "urgent")
    ]
    return {
        "topics": dict(topics),
        "unanswered": dict(unanswered),
        "emergency": labels.count(EMERGENCY),
        "urgent": sum(isinstance(x, tuple) and x[0] == "urgent" for x in labels),
        "dym": labels.count(DYM),
        "messages": len(labels),
        "median": (lengths[24] + lengths[25]) / 2,
        "red_flag_texts": red_flag,
    }


def test_the_script_is_fifty_conversations_with_what_the_issue_asks_for():
    exp = expected()
    assert len(SCRIPT) == 50
    assert exp["emergency"] == 7 and exp["urgent"] == 4
    assert sum(exp["unanswered"].values()) == 15 and exp["dym"] == 2


# --------------------------------------------------------------------------- plain parts


def _event(sender: str, kind: str, ts: float, **data) -> dict:
    return {"sender_id": sender, "event": kind, "timestamp": ts, **data}


@pytest.fixture
def store(tmp_path) -> Store:
    return Store.connect(f"sqlite:///{tmp_path / 'insights.db'}")


def test_a_redelivered_event_is_stored_once(store):
    body = _event(
        "alice",
        "user",
        1000.0,
        text="what causes it?",
        parse_data={"intent": {"name": "ask_causes", "confidence": 0.9}},
    )
    assert store.write(body) is True
    assert store.write(json.loads(json.dumps(body))) is False
    assert store.count() == 1
    row = store.rows()[0]
    assert row["intent"] == "ask_causes" and row["sender_hash"] != "alice"
    assert "alice" not in json.dumps(row)


@pytest.mark.parametrize("bot_first", [False, True])
def test_the_text_of_a_red_flag_message_is_blanked_in_either_order(store, bot_first):
    user = _event("bob", "user", 1000.0, text="my calcium is 1.5 mmol/L and my wife is fitting")
    bot = _event("bob", "bot", 1000.2, text="Please call your local emergency number now (112).")
    later = _event("bob", "user", 1001.0, text="thanks")
    for body in [bot, user, later] if bot_first else [user, bot, later]:
        store.write(body)
    texts = {r["ts"]: r["text"] for r in store.rows() if r["event_type"] == "user"}
    assert texts == {1000.0: None, 1001.0: "thanks"}
    labs = [json.loads(r["labs"]) for r in store.rows() if r["labs"]]
    assert labs == [[{"test": "calcium", "value": 1.5, "unit": "mmol/L"}]]  # kept, no identity


def test_retention_deletes_old_rows(store, monkeypatch):
    now = time.time()
    store.write(_event("carol", "user", now - 40 * 86400, text="old"))
    store.write(_event("carol", "user", now - 86400, text="new"))
    monkeypatch.setenv("INSIGHTS_RETENTION_DAYS", "0")  # 0 keeps everything
    assert store.purge() == 0
    monkeypatch.setenv("INSIGHTS_RETENTION_DAYS", "60")
    assert store.purge() == 0
    # unset: the tracker store's retention, default 30 days
    monkeypatch.delenv("INSIGHTS_RETENTION_DAYS", raising=False)
    monkeypatch.delenv("TRACKER_RETENTION_DAYS", raising=False)
    assert store.purge() == 1
    assert [r["text"] for r in store.rows()] == ["new"]


def test_no_broker_without_event_broker_url(monkeypatch):
    monkeypatch.delenv("EVENT_BROKER_URL", raising=False)
    assert broker.settings() is None
    assert asyncio.run(broker.EnvPikaEventBroker.from_endpoint_config(None)) is None
    monkeypatch.setenv("EVENT_BROKER_URL", "amqp://ops@mq.internal:5673/assistant")
    monkeypatch.setenv("EVENT_BROKER_PASSWORD", "s3cret")
    conf = broker.settings()
    assert (conf["host"], conf["port"], conf["username"], conf["vhost"], conf["queue"]) == (
        "mq.internal",
        5673,
        "ops",
        "assistant",
        "rasa_events",
    )
    assert broker.amqp_url(conf) == "amqp://ops:s3cret@mq.internal:5673/assistant"


def test_questions_are_grouped_by_their_lemmas_with_spacy():
    groups = clusters.cluster(
        [
            "Is the flu vaccine safe?",
            "where can I get flu vaccines",
            "what's the weather tomorrow",
            "weather forecast please",
        ]
    )
    assert [(g.label, g.count) for g in groups] == [("flu vaccine", 2), ("weather", 2)]
    assert groups[0].example in ("Is the flu vaccine safe?", "where can I get flu vaccines")


def _pg_up() -> bool:
    try:
        import psycopg2

        psycopg2.connect(
            dbname="postgres", host="127.0.0.1", port=5432, user="postgres", connect_timeout=3
        ).close()
        return True
    except Exception:  # noqa: BLE001
        return False


def test_the_table_works_on_postgresql():
    if not _pg_up():
        pytest.skip("PostgreSQL (127.0.0.1:5432) not reachable")
    import psycopg2

    db = f"insights_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(dbname="postgres", host="127.0.0.1", port=5432, user="postgres")
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{db}"')
    try:
        pg = Store.connect(f"postgresql://postgres@127.0.0.1:5432/{db}")
        user = _event("dan", "user", 1000.0, text="my son is not breathing")
        bot = _event("dan", "bot", 1000.1, text="Please call your local emergency number now.")
        assert [pg.write(user), pg.write(bot), pg.write(user), pg.write(bot)] == [True, True, False, False]
        assert pg.count() == 2
        assert [r["text"] for r in pg.rows() if r["event_type"] == "user"] == [None]
        pg.engine.dispose()
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.close()


# --------------------------------------------------------------------------- end to end


def _rabbit_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=3):
            return True
    except OSError:
        return False


async def _amqp(conf: dict, work):
    import aio_pika

    connection = await aio_pika.connect_robust(broker.amqp_url(conf))
    async with connection:
        channel = await connection.channel()
        return await work(channel)


def _declare(conf: dict) -> None:
    import aio_pika

    async def work(channel):
        exchange = await channel.declare_exchange(conf["exchange"], aio_pika.ExchangeType.FANOUT)
        queue = await channel.declare_queue(conf["queue"], durable=True)
        await queue.bind(exchange, "")

    asyncio.run(_amqp(conf, work))


def _delete(conf: dict) -> None:
    async def work(channel):
        await channel.queue_delete(conf["queue"])
        await channel.exchange_delete(conf["exchange"])

    asyncio.run(_amqp(conf, work))


def _message_count(conf: dict) -> int:
    async def work(channel):
        queue = await channel.declare_queue(conf["queue"], passive=True)
        return queue.declaration_result.message_count

    return asyncio.run(_amqp(conf, work))


def _write_without_ack(conf: dict, store: Store, n: int) -> int:
    """A consumer that dies between the write and the ack: n events written and
    committed, none acknowledged; closing the channel redelivers them."""

    async def work(channel):
        written = 0
        for _ in range(n):
            queue = await channel.declare_queue(conf["queue"], passive=True)
            message = await queue.get(no_ack=False, fail=False)
            if message is None:
                break
            written += store.write(json.loads(message.body))
        return written

    return asyncio.run(_amqp(conf, work))


class ConsumerProcess:
    def __init__(self, env: dict, log: Path, *args: str) -> None:
        self.log = log
        self.process = subprocess.Popen(
            [str(PYTHON), "-m", "insights.consumer", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(log, "w"),
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while "consuming" not in log.read_text() and time.monotonic() < deadline:
            assert self.process.poll() is None, log.read_text()
            time.sleep(0.2)

    def signal(self, sig: int) -> int:
        os.killpg(self.process.pid, sig)
        return self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.signal(signal.SIGKILL)


@pytest.fixture(scope="module")
def stack():
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train`")
    if not _rabbit_up():
        pytest.skip("RabbitMQ (127.0.0.1:5672) not reachable")
    run = uuid.uuid4().hex[:10]
    with tempfile.TemporaryDirectory(prefix="insights-test-") as tmp:
        work = Path(tmp)
        env = {
            **os.environ,
            **QUIET_ENV,
            **AMQP,
            "EVENT_BROKER_QUEUE": f"insights_test_{run}",
            "EVENT_BROKER_EXCHANGE": f"insights-test-{run}",
            "INSIGHTS_DB": str(work / "insights.db"),
            "INSIGHTS_SALT": run,
            "RASA_API_TOKEN": f"token-{run}",
        }
        env.pop("INSIGHTS_DB_URL", None)
        env.pop("TRACKER_DB_URL", None)
        env.pop("INSIGHTS_RETENTION_DAYS", None)
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)  # broker.settings() and sender_hash() in this process
        conf = broker.settings()
        started: list = []
        try:
            _declare(conf)
            actions = ActionServer(work).start()
            started.append(actions)
            endpoints = (
                default_endpoints(actions.url, work / "tracker.db")
                + (ROOT / "deploy" / "event_broker.yml").read_text()
            )
            credentials = work / "credentials.yml"
            subprocess.run(
                [str(PYTHON), "scripts/credentials.py", str(credentials)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
            assert "insights.channel.ReportInput" in credentials.read_text()
            rasa = RasaServer(work, endpoints, env=env, credentials=credentials).start()
            started.append(rasa)
            yield {
                "run": run,
                "work": work,
                "env": env,
                "conf": conf,
                "rasa": rasa,
                "store": Store.connect(f"sqlite:///{work / 'insights.db'}"),
            }
        finally:
            for server in reversed(started):
                server.stop()
            try:
                _delete(conf)
            finally:
                for k, v in old.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v


def _talk(rasa: RasaServer, run: str, indices: range) -> None:
    for i in indices:
        for text, _ in SCRIPT[i]:
            rasa.say(f"user-{run}-{i:02d}", text)


def _tracker_events(path: Path) -> Counter:
    with sqlite3.connect(path) as db:
        return Counter(
            (sender_hash(s), t, round(ts, 6))
            for s, t, ts in db.execute("SELECT sender_id, type_name, timestamp FROM events")
        )


@pytest.fixture(scope="module")
def delivered(stack):
    """The 50 conversations sent while the consumer is killed, crashes between write
    and ack, is stopped and restarted; then drained."""
    env, work, rasa, run = stack["env"], stack["work"], stack["rasa"], stack["run"]
    consumers: list[ConsumerProcess] = []
    try:
        first = ConsumerProcess(env, work / "consumer-1.log")
        consumers.append(first)
        _talk(rasa, run, range(0, 20))
        time.sleep(0.5)
        assert first.signal(signal.SIGKILL) == -signal.SIGKILL  # killed mid-stream
        _talk(rasa, run, range(20, 30))  # nobody consuming: the queue keeps them
        time.sleep(1)
        replayed = _write_without_ack(stack["conf"], stack["store"], 10)
        second = ConsumerProcess(env, work / "consumer-2.log")
        consumers.append(second)
        _talk(rasa, run, range(30, 42))
        assert second.signal(signal.SIGTERM) == 0  # stopped cleanly mid-stream
        _talk(rasa, run, range(42, 50))
        time.sleep(1)
        third = ConsumerProcess(env, work / "consumer-3.log", "--until-idle", "4")
        consumers.append(third)
        assert third.process.wait(120) == 0
    finally:
        for consumer in consumers:
            consumer.stop()
    logs = "".join(c.log.read_text() for c in consumers)
    return {"replayed": replayed, "logs": logs}


def test_restarting_the_consumer_loses_and_duplicates_nothing(stack, delivered):
    assert delivered["replayed"] == 10
    stored = Counter((r["sender_hash"], r["event_type"], round(r["ts"], 6)) for r in stack["store"].rows())
    tracker = _tracker_events(stack["work"] / "tracker.db")
    assert sum(tracker.values()) > 300
    assert stored == tracker, (
        f"lost: {sum((tracker - stored).values())}, " f"extra: {sum((stored - tracker).values())}"
    )
    assert _message_count(stack["conf"]) == 0
    duplicates = sum(int(n) for n in re.findall(r"(\d+) redelivered duplicates", delivered["logs"]))
    assert duplicates >= 10, delivered["logs"][-2000:]  # the replayed ones were skipped


@pytest.fixture(scope="module")
def built(stack, delivered):
    out = stack["work"] / "report.html"
    result = subprocess.run(
        [str(PYTHON), "-m", "insights.report", "--out", str(out)],
        cwd=ROOT,
        env=stack["env"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    page = out.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="figures">(.*?)</script>', page, re.S)
    results = ROOT / "results" / "insights"
    results.mkdir(parents=True, exist_ok=True)
    (results / "test-report.html").write_text(page, encoding="utf-8")  # to look at
    return page, json.loads(data.group(1).replace("<\\/", "</"))


def test_the_report_figures_match_the_script(built):
    page, fig = built
    exp = expected()
    assert fig["conversations"] == 50
    assert fig["messages"] == exp["messages"]
    assert fig["per_day"][-1]["conversations"] <= 50
    assert sum(d["messages"] for d in fig["per_day"]) == exp["messages"]
    assert fig["topics"] == exp["topics"]
    assert {c["label"]: c["count"] for c in fig["unanswered"]} == exp["unanswered"]
    script_texts = {t for c in SCRIPT for t, _ in c}
    assert all(c["example"] in script_texts for c in fig["unanswered"])
    assert fig["screens"] == {"emergency": exp["emergency"], "urgent": exp["urgent"]}
    assert sum(d["emergency"] for d in fig["screens_per_day"]) == exp["emergency"]
    assert fig["replies"]["did_you_mean"] == exp["dym"]
    assert fig["rates"]["did_you_mean"] == round(exp["dym"] / exp["messages"], 4)
    assert fig["conversation_length"]["median_messages"] == exp["median"]
    labs = {(r["test"], r["bin"]): r["count"] for r in fig["lab_values"]}
    assert labs == {
        ("calcium", "below the usual range"): 3,
        ("calcium", "within the usual range"): 1,
        ("magnesium", "below the usual range"): 1,
    }
    assert fig["latency_ms"]["n"] == exp["messages"]
    # the figures shown in the page's tables
    assert "<td>flu vaccine</td><td>5</td>" in page
    assert f"<b>{exp['emergency']}</b>emergency screens" in page


def test_the_report_is_self_contained_and_private(stack, built):
    page, _ = built
    assert page.count("data:image/png;base64,") >= 6
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "<link" not in page
    assert stack["run"] not in page  # no sender id (they all contain the run id)
    for text in expected()["red_flag_texts"]:
        assert text not in page, text
    stored = [r["text"] for r in stack["store"].rows() if r["event_type"] == "user"]
    for text in expected()["red_flag_texts"]:
        assert text not in stored, text


def test_the_report_is_served_behind_the_api_token(stack, delivered):
    url = stack["rasa"].url + "/webhooks/insights/report"
    assert get_json(url)[0] == 401
    assert get_json(url + "?token=wrong")[0] == 401
    status, page = get_json(url, timeout=120, headers={"Authorization": f"Bearer token-{stack['run']}"})
    assert status == 200 and "<b>50</b>conversations" in page


def test_the_default_endpoints_have_no_broker():
    assert "event_broker" not in (ROOT / "endpoints.yml").read_text()
    assert "EVENT_BROKER_URL" in (ROOT / "scripts" / "run.sh").read_text()
