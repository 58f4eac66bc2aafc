"""What the assistant says next: one user turn plus the remembered state in, reply out.

Plain Python, so every conversation path can be tested without Rasa. The Rasa
action in actions.py only converts the tracker to a Turn and State and back.

Order of work for every message: safety screen first (an emergency reply stops
everything else), then the user's own lab values, then the intent.

The conversation paths (facts, "tell me more", "why?", "what else?", small talk,
fallback) read and return the same State, and each is a short method; the phrases that
route a message live in phrases.py, fact choice in selection.py, the user's lab values in
lab_dialogue.py, the values passed around (Turn, State, Reply) in turns.py and the
wording of answers in replies.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from actions import coverage, glossary, lab_values, question, safety, selection, spelling
from actions.knowledge import Fact, KnowledgeBase
from actions.lab_dialogue import LabDialogue
from actions.phrases import (
    ABOUT_MY_RESULT,
    ABOUT_THE_AUTHOR,
    ASKS_ABOUT_THE_STEP_ADVICE,
    ASKS_FOR_DIAGNOSIS,
    ASKS_IF_RELIABLE,
    ASKS_WHAT_YOU_DO,
    BECAUSE,
    COULD_BE_SOMETHING_ELSE,
    DO_ABOUT,
    FOR_THAT_TOO,
    GOODBYE_LAST,
    HELP_ONLY,
    HOW_OFTEN_IS_TOO_OFTEN,
    IN_A_UNIT,
    INCLUDES,
    IS_THAT_BAD,
    IS_THAT_SAFE,
    IS_THAT_TRUE,
    LEAVING,
    OF_THE_ARTICLE,
    ORDINAL,
    ORDINALS,
    PEOPLE,
    POINTS_BACK,
    SAME_UNIT,
    SEE_SOMEONE,
    SEIZURE_WORD,
    SUMMARY_REQUEST,
    SUMMARY_TOPICS,
    THANKS_ONLY,
    WHAT_ELSE,
    WHAT_WORD_MEANS,
    WHICH_TESTS,
    WHY_ASKED,
    WHY_IT_WORKS,
    WRITING_REQUEST,
    section_asked,
    topic_asked_last,
)
from actions.replies import (
    CORE_TOPICS,
    DID_YOU_MEAN,
    DISCLAIMER,
    END_OF_TOPIC,
    GLOSS_WHERE,
    NO_FURTHER_WHY,
    NO_SPECIFIC_WHY,
    NOT_MENTIONED,
    NOT_SAID,
    NOT_SAID_WHAT,
    NOTICE,
    SAFETY,
    SEIZURE_NOT_CRAMP,
    SMALL_TALK,
    SOMETHING_ELSE,
    SOURCE,
    STEP_ADVICE_NOT_FOR_SEIZURES,
    TELL_ME_MORE,
    TEXT,
    TOPIC_INTENTS,
    UNIT_FROM_ARTICLE,
    UNIT_FROM_BEFORE,
    UNIT_WITHOUT_VALUE,
    WELCOME,
    WHY_PREFIX,
    Message,
    Part,
    button,
    caveat_part,
    facts_parts,
    topic_buttons,
)
from actions.retrieval import FactRetriever
from actions.turns import Reply, State, Turn

SMALL_TALK_INTENTS = set(SMALL_TALK) - {"out_of_scope", "fallback", "animal"}
# A fact this well matched answers even when the classifier thought it was small
# talk ("which gland, according to the article?" read as ask_capabilities).
STRONG_MATCH = 0.5
# A small-talk intent this sure wins unless the user names an article term
# ("are you a doctor?" is about the bot, not about when to see one).
SURE = 0.8
# The classifier this sure of an article topic, and a strong match: answer even when
# the words are new to the article ("a horror film before bed, could that be it?").
SURE_TOPIC = 0.9
# Below this similarity to the best fact's closest example, a message the classifier
# could not place gets "did you mean?" rather than a guess ("hmm the leg thing").
VAGUE_MATCH = 0.3


@dataclass
class Assistant:
    kb: KnowledgeBase
    retriever: FactRetriever
    selector: selection.FactSelector = field(init=False, repr=False)
    reader: question.QuestionReader = field(init=False, repr=False)
    coverage: coverage.Coverage = field(init=False, repr=False)
    lab: LabDialogue = field(init=False, repr=False)
    speller: spelling.Speller = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lab = LabDialogue(self.kb)
        self.speller = spelling.Speller(
            text for f in self.kb.facts.values() for text in (f.answer, *f.quotes, *f.examples)
        )
        self.selector = selection.FactSelector(self.kb, self.retriever)
        self.reader = question.QuestionReader(self.kb, self.selector)
        self.coverage = coverage.Coverage(self.kb)

    # ------------------------------------------------------------------ entry point
    def respond(self, turn: Turn, state: State) -> Reply:
        previous = state.previous_message
        screening = safety.screen(turn.text, turn.intent, turn.confidence, previous=previous or "")
        state = replace(state, previous_message=turn.text[: safety.MAX_SCAN_CHARS] or None)
        if screening.describes_seizure:
            state = replace(state, seizure_reported=True)
        urgent_text = safety.message_for(screening) or safety.DANGER_LINE
        if screening.level == safety.Level.EMERGENCY:
            return self._emergency(turn, state, urgent_text, screening)
        earlier = safety.earlier_alarm(turn.text, previous or "") if not screening.level else None
        if earlier is not None:
            return Reply([_safety(safety.still_stands(earlier))], state)
        if screening.level > safety.Level.NONE and turn.intent == safety.EMERGENCY_INTENT:
            return Reply([_safety(urgent_text)], state)
        reply = self._answer(turn, state, previous)
        self._clarify(turn.text, reply)
        safety_text = safety.message_for(screening)
        # The safety text leads (for a disagreement or an unsure signal too: the number
        # first, then the answer), unless the answer opens with a stronger call to care.
        if safety_text and not reply.leads_with_care:
            reply.messages.insert(0, _safety(safety_text))
        if reply.factual and not reply.state.disclaimer_shown:
            _add_disclaimer(reply.messages)
            reply.state = replace(reply.state, disclaimer_shown=True)
        return reply

    def _emergency(self, turn: Turn, state: State, text: str, screening: safety.Screening) -> Reply:
        """The emergency text alone; a lab result typed with its symptoms is placed after
        it ("magnesium 0.3 mmol/L and my muscles are twitching all over"), except after a
        crisis reply, which nothing follows."""
        messages = [_safety(text)]
        if ASKS_ABOUT_THE_STEP_ADVICE.search(turn.text):
            # "should I follow the step-on-the-ground advice if a seizure happens?": it is not for seizures
            messages.append(Message(STEP_ADVICE_NOT_FOR_SEIZURES))
        parsed = self.lab.values_in(turn, state)
        if screening.is_crisis or not parsed.readings:
            return Reply(messages, state)
        # a value without its unit: its unit is asked after the number, so it is placed next
        lab = self.lab.reply(parsed, state, symptoms=True)
        return Reply(messages + lab.messages, lab.state, factual=lab.factual)

    def _clarify(self, text: str, reply: Reply) -> None:
        """A curated note where the user's word is not the article's ("thyroid": the
        article names the parathyroid), put before the answer it qualifies."""
        if not reply.factual or reply.state.last_fact is None:
            return
        for note in self.kb.clarifications:
            if note.fact == reply.state.last_fact and note.applies_to(text):
                reply.messages[0].parts.insert(0, Part(TEXT, note.note))

    def _answer(self, turn: Turn, state: State, previous: str | None = None) -> Reply:
        unit = self.lab.unit_in(turn)
        parsed = lab_values.parse_lab_values(turn.text)
        if state.pending_lab and unit and not parsed.readings:
            # "mmol/L. and I'm tingling round my mouth": the unit, and symptoms with it
            return self.lab.complete_pending(state, unit, lab_values.reports_symptoms(turn.text))
        if state.pending_lab and not unit and not parsed.readings and not parsed.problems:
            # "sorry, misread: it says 1.75" while its unit is asked: the corrected value
            parsed = self.lab.corrected_pending(turn.text, state) or parsed
        state = replace(state, pending_lab=())
        unit_note = None
        if previous and any(r.unit is None for r in parsed.readings):
            # "calcium 2.15 mmol/L" then "and my magnesium 0.74?": the same report's unit,
            # said aloud unless the user said "same units"
            before = parsed
            parsed = self.lab.with_previous_unit(parsed, previous)
            if parsed is not before and not SAME_UNIT.search(turn.text):
                unit_note = UNIT_FROM_BEFORE.format(unit=parsed.readings[0].unit)
        parsed = self.lab.values_in(turn, state, parsed)
        if not parsed and self.lab.threshold_shown(state):
            # "mine was 0.8. is that ok?" right after the article's threshold in mmol/L
            parsed = self.lab.after_threshold(turn.text, state)
            if parsed:
                unit_note = UNIT_FROM_ARTICLE
        if not parsed and previous and state.last_topic == "lab" and ABOUT_MY_RESULT.search(turn.text):
            # "calcium 1.7 mmol/L" then "no symptoms, can it wait?": the result again, so
            # the answer is about the user's number, with its urgency
            parsed = lab_values.parse_lab_values(previous)
        if parsed:
            reply = self.lab.reply(parsed, state, lab_values.reports_symptoms(turn.text))
            if unit_note:  # after a call to care, never before it
                reply.messages.insert(1 if reply.leads_with_care else 0, Message(text=unit_note))
            return reply
        intent = turn.intent or "nlu_fallback"
        if intent == "give_unit" and lab_values.quotes_the_article(turn.text):
            # "why trust the 2 mmol/L number?" asks about the article's line, gives no unit
            intent = "ask_lab_values"
            turn = replace(turn, intent=intent, confidence=1.0, ranking=((intent, 1.0),))
        if intent == "give_unit" or (state.last_topic == "lab" and IN_A_UNIT.search(turn.text)):
            earlier = lab_values.parse_lab_values(previous) if previous else None
            if earlier and earlier.readings and all(r.unit for r in earlier.readings):
                # "calcium 1.95 mmol/L" then "and in mg/dL?": the user's own value, which the
                # reply gives in both units
                return self.lab.reply(earlier, state)
            if state.last_topic == "lab" and state.last_fact:
                # "what's that in mg/dL?" after a threshold: the fact gives both units;
                # "and in mEq/L?" gets the conversion too
                return self._facts(
                    [self.kb.fact(state.last_fact)],
                    state,
                    prefix=self.lab.in_meq(state.last_fact) if unit == "mEq/L" else None,
                )
            return self._unit_without_pending(turn, state)
        if not self.speller.mostly_english(turn.text):
            return Reply([Message(SMALL_TALK["not_english"], topic_buttons(self.kb))], state)
        # from here on the question is matched, so in the article's spelling ("wat cuases")
        turn = replace(turn, text=self.speller.correct(turn.text))
        story_asks = topic_asked_last(turn.text)
        if story_asks:
            # the closing question names the topic; the classifier read the story before it
            intent = TOPIC_INTENTS[story_asks]
            turn = replace(turn, intent=intent, confidence=1.0, ranking=((intent, 1.0),))
        asked = self.reader.read(
            turn.text, intent, turn.entities, state.last_topic, previous, state.last_fact
        )
        named, follow_up = asked.named, asked.follow_up
        ranked = self.selector.rank(
            asked.query,
            dict(turn.ranking) or {intent: turn.confidence},
            set(named),
            state.last_topic,
            follow_up,
            state.last_fact,
            excluded=asked.excluded,
        )
        best = ranked[0]
        strong = best.score >= STRONG_MATCH
        bare = selection.is_bare(turn.text)  # "tell me more", "yes", "why?"
        confident_topic = (
            max((c for i, c in turn.ranking if i in selection.TOPIC_OF_INTENT), default=0.0) >= SURE_TOPIC
        )
        # "even if I walk a bit?" read as a greeting: a follow-up with content is no small talk
        chat_intent = intent in SMALL_TALK_INTENTS and not (
            (follow_up and not bare and intent in ("greet", "deny", "bot_challenge"))
            # "doses?" after the herbs asks a detail of the last answer
            or (follow_up and state.last_fact is not None and coverage.asks_detail(turn.text))
            # "can I take them now?" read as goodbye: a question without a leaving word is none
            or (intent == "goodbye" and "?" in turn.text and not LEAVING.search(turn.text))
        )
        # small talk when the classifier is sure, or when no word of it is the article's ("ok thx"),
        # or thanks that ask nothing ("thank you so much, that really helped")
        if WRITING_REQUEST.search(turn.text):
            # "write me a poem about sleep": not something the article can answer
            return self._out_of_scope(turn, state)
        # "who wrote it?", "is the article reliable?", "then how much ought I to trust it?"
        about_the_page = OF_THE_ARTICLE.search(turn.text) or ABOUT_THE_AUTHOR.search(previous or "")
        trust = ASKS_IF_RELIABLE.search(turn.text) and about_the_page
        if (trust or ABOUT_THE_AUTHOR.search(turn.text)) and not named:
            return Reply([Message(SMALL_TALK["reliability"], topic_buttons(self.kb))], state)
        if ASKS_FOR_DIAGNOSIS.search(turn.text):
            # "can you just diagnose me?": what the assistant is not, and what it can do
            return Reply([Message(SMALL_TALK["diagnosis"], topic_buttons(self.kb))], state)
        if HELP_ONLY.search(turn.text) or (ASKS_WHAT_YOU_DO.search(turn.text) and not named):
            # "help" alone asks what the assistant can do, not what helps
            return self._small_talk("ask_capabilities", state, turn.text)
        if GOODBYE_LAST.search(turn.text):
            leaving = "thanks" if THANKS_ONLY.search(turn.text) else "goodbye"
            return self._small_talk(leaving, state, turn.text)
        if not named and THANKS_ONLY.search(turn.text):
            # "thank you so much, that really put my mind at ease": thanks, whatever
            # the classifier reads in its words
            return self._small_talk("thanks", state, turn.text)
        if (
            chat_intent
            and not named
            and (
                turn.confidence >= SURE
                or not self.coverage.uses_article_words(turn.text)
                or (intent == "thanks" and THANKS_ONLY.search(turn.text))
            )
        ):
            return self._small_talk(intent, state, turn.text)
        ordinal = ORDINAL.search(turn.text) if state.last_topic else None
        listed = self.kb.topics[state.last_topic].numbered if ordinal and state.last_topic else ()
        if ordinal and listed:
            return self._facts([self.kb.fact(listed[ORDINALS[ordinal.group("nth").lower()]])], state)
        if SUMMARY_REQUEST.search(turn.text) and not named and not follow_up:
            # "summarise the article's main claims": the general answer of each main topic
            return self._facts([f for t in SUMMARY_TOPICS for f in self.kb.summary(t)], state)
        if HOW_OFTEN_IS_TOO_OFTEN.search(turn.text) and not named:
            return self._facts(self.kb.summary("doctor"), state)
        if WHICH_TESTS.search(turn.text) and not named and (not follow_up or state.last_topic == "doctor"):
            return self._facts([self.kb.fact("lab.overview")], state)
        section = section_asked(turn.text)
        if section and self.kb.section_overview(section):
            # "what does the differential diagnosis section cover?", "and section 4?"
            return self._facts(self.kb.section_overview(section), state)
        about_step_advice = ASKS_ABOUT_THE_STEP_ADVICE.search(turn.text) or (
            state.last_fact == "relief.during_attack" and POINTS_BACK.search(turn.text)
        )
        if about_step_advice and SEIZURE_WORD.search(turn.text):
            # "the article told my mum to step on the ground during a seizure!", or "would that be
            # right for an actual seizure?" after it: what it means
            step_advice = self.kb.facts_about("remedy", "during_attack")[:1]
            if step_advice:
                # a seizure named: the number too, in case one is happening now
                reply = self._facts(step_advice, state, prefix=STEP_ADVICE_NOT_FOR_SEIZURES)
                reply.messages.insert(0, _safety(safety.DANGER_LINE))
                return reply
        remedies = self._remedies_for(named) if DO_ABOUT.search(turn.text) else []
        if remedies:
            # "what can I do about the stress part?": the advice the article gives for that cause
            return self._facts(remedies, state)
        if COULD_BE_SOMETHING_ELSE.search(turn.text) and not named:
            # the reasons; once they were given, the article's differential diagnosis
            reasons = self.kb.summary("causes")
            given = state.last_fact in {f.id for f in reasons}
            return self._facts(self.kb.differential() if given else reasons, state)
        if follow_up and WHAT_ELSE.search(turn.text) and not named and not coverage.answer_kinds(turn.text):
            # "what else?" walks the topic; "what else helps absorb it?" asks for a kind of answer
            return self._else(turn, state)
        if (
            state.last_fact
            and state.last_topic != "lab"
            and (IS_THAT_SAFE.search(turn.text) or FOR_THAT_TOO.search(turn.text))
        ):
            return self._facts([self.kb.fact(state.last_fact)], state)
        gloss = glossary.asked_about(turn.text)
        if gloss:
            return self._gloss(gloss, turn.text, state)
        asked_word = WHAT_WORD_MEANS.search(turn.text)
        word = (asked_word.group("word") or asked_word.group("word2")).lower() if asked_word else None
        if word and state.last_fact and word in self.kb.fact(state.last_fact).answer.lower():
            # "what does latent mean there?": the last answer, which glosses its own words
            return self._facts([self.kb.fact(state.last_fact)], state)
        includes = INCLUDES.search(turn.text) if state.last_fact and state.last_topic != "lab" else None
        if includes and state.last_fact:
            # the last advice again, saying first when the article never names the thing
            said = includes.group("thing") or includes.group("counted")
            thing = self.coverage.unnamed_thing(f"is {said} mentioned?")
            prefix = NOT_MENTIONED.format(thing=thing) if thing else None
            return self._facts([self.kb.fact(state.last_fact)], state, prefix=prefix)
        if follow_up and state.last_fact and not named:
            # loose: the message matched no fact well on its own, or it names nothing of
            # the article's subject and its best fact has nothing to do with the last
            # answer ("how long should I be out?" after the sun is about the sun, not
            # about how long a cramp lasts)
            loose = (
                bare
                or not strong
                or (
                    not self.retriever.is_on_topic(turn.text)
                    and not self._related(best.fact, self.kb.fact(state.last_fact))
                )
            )
            about_last = self._about_last_answer(turn.text, state, loose=loose)
            if about_last:
                return about_last
        if intent in ("ask_more", "affirm") and (bare or not strong):
            return self._more(turn, state)
        if state.last_fact and (
            (intent == "ask_why" and (bare or not strong)) or (follow_up and WHY_ASKED.search(turn.text))
        ):
            return self._why(turn, state)
        if not strong and not named and (chat_intent or intent == "ask_capabilities"):
            return self._small_talk(intent, state, turn.text)
        # The classifier unsure and no example close: ask rather than guess
        vague = not named and best.parts["examples"] < VAGUE_MATCH * self.selector.weights.examples
        if intent == "nlu_fallback" and (vague or (not strong and self.selector.close_call(ranked))):
            return self._fallback(turn, state, ranked)
        if not follow_up and not named and safety.about_an_animal(turn.text):
            return Reply([Message(SMALL_TALK["animal"], topic_buttons(self.kb))], state)
        # a term of the article set aside ("besides diet, ...") is still the article's subject
        off_topic = not follow_up and not asked.excluded and not self.retriever.is_on_topic(turn.text)
        # out of scope: the classifier says so and no fact is strong, or it is sure and
        # nothing the article is about is named ("how many push-ups a day?")
        sure_out = intent == "out_of_scope" and turn.confidence >= SURE
        # "what's the article's take on causes?": asked of the article, in its own words
        of_the_article = bool(OF_THE_ARTICLE.search(turn.text)) and self.coverage.uses_article_words(
            OF_THE_ARTICLE.sub(" ", turn.text)
        )
        if (
            (intent == "out_of_scope" and not of_the_article and (not strong or (sure_out and off_topic)))
            or (off_topic and self.retriever.mentions_other_condition(turn.text))
            or (sure_out and not follow_up and not named and self.retriever.about_other_condition(turn.text))
        ):
            return self._out_of_scope(turn, state)
        if best.score >= selection.MIN_SCORE and (
            not off_topic
            or named
            or (strong and confident_topic)
            or self.selector.about_the_article(turn.text, best)
        ):
            facts = self.reader.shown(asked, ranked)
            # (the topic first: the thing is looked for again in the prefix below)
            thing = self.coverage.unnamed_thing(turn.text) if facts[0].topic in ("who", "mechanism") else None
            if thing and PEOPLE.search(thing):
                # "does it happen to men too?": what the article says of who gets it (not
                # for a question about cramps: "are calf cramps common in older people?")
                facts = self.kb.summary("who")
            in_meq = next((m for m in map(self.lab.in_meq, (f.id for f in facts)) if m), None)
            prefix = in_meq if unit == "mEq/L" and in_meq else self._not_said(turn.text, facts)
            return self._facts(facts, state, prefix=prefix)
        return self._fallback(turn, state, ranked)

    def _about_last_answer(self, text: str, state: State, loose: bool) -> Reply | None:
        """A follow-up that is about the last answer whatever topic the classifier reads
        in it; None when it is not one of these. `loose`: the message matched no fact
        well on its own ("how much?")."""
        assert state.last_fact is not None
        last = self.kb.fact(state.last_fact)
        if IS_THAT_TRUE.search(text):
            # "is that true though?": the last answer again, with its caveat (what
            # mainstream sources say) and its source; all of a topic's general answer
            # ("how common is it?" gave the one in five, then the risk groups)
            summary = self.kb.summary(last.topic)
            return self._facts(summary if last in summary else [last], state)
        if last.topic not in ("lab", "doctor") and SEE_SOMEONE.search(text):
            return self._facts(self.kb.summary("doctor"), state)
        if loose and coverage.asks_detail(text):
            # "how much?", "how long?": it again, saying first when the article does not
            # give that detail
            return self._facts([last], state, prefix=self._not_said(text, [last]))
        if last.topic != "lab" and IS_THAT_BAD.search(text):
            return self._facts(self.kb.summary("doctor"), state)
        if selection.POINTS_TO_LAST.search(text):
            # "which one is most common?" asks about the list just given
            summary = self.kb.summary(last.topic)
            facts = summary if last in summary else [last]
            return self._facts(facts, state, prefix=self._not_said(text, facts))
        return None

    def _gloss(self, entry: glossary.Entry, text: str, state: State) -> Reply:
        """The article's sentence that uses the word (saying first when the article does not
        explain it), then its plain meaning (general guidance)."""
        if entry.fact:
            fact = self.kb.fact(entry.fact)
            reply = self._facts([fact], state, prefix=self._not_said(text, [fact]))
            parts = reply.messages[-1].parts
            after_source = next(i for i, p in enumerate(parts) if p.kind == SOURCE) + 1
            parts.insert(after_source, caveat_part(entry.meaning))
            return reply
        where = GLOSS_WHERE.format(where=entry.where) if entry.where else ""
        return Reply([Message(parts=[Part(TEXT, where), caveat_part(entry.meaning)])], state, factual=True)

    def _related(self, fact: Fact, last: Fact) -> bool:
        """The same topic, or linked by the curation's `why` either way (the cramp
        advice and the calf cramps)."""
        if fact.topic == last.topic or last.id == fact.why or fact.id == last.why:
            return True
        return last.why is not None and self.kb.fact(last.why).topic == fact.topic

    def _not_said(self, text: str, facts: list[Fact]) -> str | None:
        """ "The article doesn't say how long / mention iron", when it doesn't."""
        thing = self.coverage.unnamed_thing(text)
        if thing:
            return NOT_MENTIONED.format(thing=thing)
        detail = self.coverage.missing_detail(text, facts)
        if detail:
            return NOT_SAID.format(what=NOT_SAID_WHAT[detail.name])
        kind = self.coverage.unlisted_kind(text, facts)
        return NOT_SAID.format(what=kind) if kind else None

    # ------------------------------------------------------------------ facts
    def _facts(self, facts: list[Fact], state: State, prefix: str | None = None) -> Reply:
        if state.seizure_reported:
            # "get up and step on the ground" is for cramps; never after a seizure report
            facts = [f for f in facts if f.id != "relief.during_attack"]
            if not facts:
                return Reply([_safety(SEIZURE_NOT_CRAMP)], state)
        parts = facts_parts(facts)
        if prefix:
            parts.insert(0, Part(TEXT, prefix))
        # "tell me more" and "it" refer to the main answer, not to a second line
        # from another topic
        last = [f for f in facts if f.topic == facts[0].topic][-1]
        buttons = []
        if self.kb.next_fact(last.id):
            buttons.append(button(TELL_ME_MORE, "ask_more"))
        if last.topic == "causes":
            buttons.append(button(self.kb.topics["relief"].title, "ask_relief"))
        state = replace(state, last_topic=last.topic, last_fact=last.id)
        return Reply([Message(buttons=buttons, parts=parts)], state, factual=True)

    def _more(self, turn: Turn, state: State) -> Reply:
        if not state.last_fact:
            return self._small_talk("ask_capabilities", state)
        following = self.kb.next_fact(state.last_fact)
        if following is None:
            topic = self.kb.topics[state.last_topic or "causes"]
            others = tuple(t for t in CORE_TOPICS if t != topic.id)
            return Reply(
                [
                    Message(
                        text=END_OF_TOPIC.format(topic=topic.title.lower()),
                        buttons=topic_buttons(self.kb, others),
                    )
                ],
                state,
            )
        return self._facts([following], state)

    def _else(self, turn: Turn, state: State) -> Reply:
        """The topic's general answer after one of its specific facts; after the
        general answer, the next fact."""
        topic = state.last_topic or "causes"
        summary = self.kb.summary(topic)
        last = self.kb.fact(state.last_fact) if state.last_fact else None
        if last is not None and last not in summary and last.topic == topic:
            beyond = self.kb.beyond_summary(topic)
            if last not in beyond:
                return self._facts(summary, state)
            following = beyond[beyond.index(last) + 1 :]
            return self._facts(following[:1], state) if following else self._more(turn, state)
        # after the summary: what it did not already name ("what else could it be?"
        # after the five reasons: the illnesses the article links it with)
        beyond = self.kb.beyond_summary(topic)
        return self._facts(beyond[:1], state) if beyond else self._more(turn, state)

    def _why(self, turn: Turn, state: State) -> Reply:
        if not state.last_fact:
            return self._facts(self.kb.summary("mechanism"), state)
        last = self.kb.fact(state.last_fact)
        if WHY_IT_WORKS.search(turn.text) and last.topic == "relief" and not BECAUSE.search(last.answer):
            # "why would that work?" after advice the article gives no reason for: its
            # `why` link says why the complaint happens, not why the advice helps
            return self._facts([last], state, prefix=NOT_SAID.format(what="why it works"))
        if last.why is None:
            return Reply([Message(text=NO_FURTHER_WHY, buttons=topic_buttons(self.kb))], state)
        reason = self.kb.fact(last.why)
        if reason.topic != "mechanism":
            # "why?" after the sun: its own reason ("because it helps the body absorb
            # calcium") first, when the article gives one in the same sentence
            # (advice says what it is for: "an optimistic attitude helps prevent illness")
            states_reason = (
                BECAUSE.search(last.answer) or last.topic == "relief"
            ) and last.topic != reason.topic
            return self._facts([last, reason] if states_reason else [reason], state, prefix=WHY_PREFIX)
        if last.topic == "causes" and last not in self.kb.summary("causes"):
            # "why?" after one cause: the reason the article gives for it, then the mechanism
            return self._facts([last, reason], state, prefix=WHY_PREFIX)
        if last.topic != "mechanism":
            # "does it happen to pregnant women? - why?": the article does not say why for
            # that case, and saying so is more honest than passing the mechanism off as it
            return self._facts([reason], state, prefix=NO_SPECIFIC_WHY)
        return self._facts([reason], state, prefix=WHY_PREFIX)

    # ------------------------------------------------------------------ lab values (lab_dialogue.py)
    def _remedies_for(self, named: frozenset[str]) -> list[Fact]:
        """The relief facts the curation links to the one cause named (their `why`)."""
        causes = [fact_id for fact_id in named if self.kb.fact(fact_id).topic == "causes"]
        if len(causes) != 1:
            return []
        return [f for f in self.kb.facts.values() if f.topic == "relief" and f.why == causes[0]]

    def _unit_without_pending(self, turn: Turn, state: State) -> Reply:
        return Reply([Message(text=UNIT_WITHOUT_VALUE)], state)

    # ------------------------------------------------------------------ the rest
    def _small_talk(self, intent: str, state: State, text: str = "") -> Reply:
        if intent == "thanks" and LEAVING.search(text):
            # "thanks, bye": both at once, without offering more
            return Reply([Message(f"{WELCOME} {SMALL_TALK['goodbye']}")], state)
        with_topics = intent in ("greet", "deny", "ask_capabilities")
        messages = [Message(SMALL_TALK[intent], topic_buttons(self.kb) if with_topics else [])]
        if intent == "bot_challenge":
            # said here, and still again with the first factual answer (the web page
            # greets first, so a greeting must not use up the disclaimer)
            _add_disclaimer(messages)
        return Reply(messages, state)

    def _out_of_scope(self, turn: Turn, state: State) -> Reply:
        return Reply([Message(SMALL_TALK["out_of_scope"], topic_buttons(self.kb))], state)

    def _fallback(self, turn: Turn, state: State, ranked: list[selection.Scored] | None = None) -> Reply:
        """No fact clears the bar: "did you mean A or B?" when the question is about
        the article and two topics come close, otherwise an honest "I can't help"."""
        if ranked and (self.retriever.is_on_topic(turn.text) or self.selector.close_call(ranked)):
            # the classifier's own candidates first, then the facts' topics
            topics: list[str] = [
                selection.TOPIC_OF_INTENT[i]
                for i, _ in sorted(turn.ranking, key=lambda r: -r[1])
                if i in selection.TOPIC_OF_INTENT
            ][:2]
            for scored in ranked:
                if scored.fact.topic not in topics:
                    topics.append(scored.fact.topic)
            candidates = [t for t in topics[:2]]
            buttons = [button(self.kb.topics[t].question, TOPIC_INTENTS[t]) for t in candidates]
            buttons.append(button(SOMETHING_ELSE, "ask_capabilities"))
            return Reply([Message(DID_YOU_MEAN, buttons)], state)
        return Reply([Message(SMALL_TALK["fallback"], topic_buttons(self.kb))], state)


def _add_disclaimer(messages: list[Message]) -> None:
    """Into the last message, so its buttons stay last: web widgets and rasa shell
    only offer the buttons of the newest message."""
    messages[-1].parts.append(Part(NOTICE, DISCLAIMER))


def _safety(text: str) -> Message:
    """A safety screen's text, its own message, marked so every channel shows it strongest."""
    return Message(parts=[Part(SAFETY, text)])
