"""Actors: sentence in -> which actor a span resolves to (or that it is no actor), as tables."""
from __future__ import annotations

import pytest


def mention_of(nlp, text: str, surface: str, nth: int = 0):
    """The key of the `nth` actor mention whose text is `surface` (case-insensitive), or None."""
    doc = nlp(text)
    hits = [m for m in doc.spans["akg_mentions"] if m.text.lower() == surface.lower()]
    if len(hits) <= nth:
        return None
    span = hits[nth]
    entity = doc._.akg_entities.get(span.id_)
    return None if entity is None or entity.type in ("Place", "Population") else span.id_


ALIASES = [
    ("Jabhat al-Nusra fighters left the city.", "Jabhat al-Nusra", "jabhat_fatah_al_sham"),
    ("The Nusra Front fighters left the city.", "Nusra Front", "jabhat_fatah_al_sham"),
    ("JFS fighters left the city.", "JFS", "jabhat_fatah_al_sham"),
    ("The Levant Conquest Front refused.", "Levant Conquest Front", "jabhat_fatah_al_sham"),
    ("Jabhat an-Nusra refused.", "Jabhat an-Nusra", "jabhat_fatah_al_sham"),
    ("Hizbullah sent fighters.", "Hizbullah", "hezbollah"),
    ("Hizballah sent fighters.", "Hizballah", "hezbollah"),
    ("Hezbollah's fighters arrived.", "Hezbollah", "hezbollah"),
    ("Daesh lost Raqqa.", "Daesh", "islamic_state"),
    ("ISIL lost Raqqa.", "ISIL", "islamic_state"),
    ("Groups such as the Islamic State of Iraq and the Levant (Isil) fought.", "Isil", "islamic_state"),
    ("Al-Qaida claimed the attack.", "Al-Qaida", "al_qaeda"),
    ("Abu Mohammad al-Jolani spoke.", "Abu Mohammad al-Jolani", "abu_muhammad_al_julani"),
    ("Golani spoke on television.", "Golani", "abu_muhammad_al_julani"),
    ("Ahrar al Sham fighters advanced.", "Ahrar al Sham", "ahrar_al_sham"),
    ("The former JFS/Nusra personnel left.", "Nusra", "jabhat_fatah_al_sham"),
    ("Ahrar ash-Sham fighters advanced.", "Ahrar ash-Sham", "ahrar_al_sham"),
    ("Bana Alabed tweeted. This Bana nonsense went on.", "Bana", "bana_alabed"),
    # a group's name with another head noun of cues.yaml `group_nouns`
    ("Iraqi Shiite auxiliaries advanced.", "Iraqi Shiite auxiliaries", "iraqi_shiite_militias"),
    ("Iraqi Shia militiamen advanced.", "Iraqi Shia militiamen", "iraqi_shiite_militias"),
]


@pytest.mark.parametrize(("text", "surface", "key"), ALIASES, ids=[a[1] for a in ALIASES])
def test_every_spelling_resolves_to_one_actor(nlp, text, surface, key):
    assert mention_of(nlp, text, surface) == key


METONYMS = [
    ("Damascus rejects the proposal.", "Damascus", "syria"),
    ("Moscow said it is interested in the proposal.", "Moscow", "russia"),
    ("The Kremlin denied the report.", "The Kremlin", "russia"),
    ("Washington declared that it limits co-operation.", "Washington", "united_states"),
    ("He would also ask Washington to be more engaged.", "Washington", "united_states"),
    ("Moscow's UN Ambassador Vitaly Churkin spoke.", "Moscow", "russia"),
    ("The talks took place in Damascus.", "Damascus", None),
    ("Thousands fled from Damascus last year.", "Damascus", None),
    ("Moscow, which has backed Assad since 2015, was notified.", "Moscow", "russia"),
    ("Rockets hit Damascus, which was shelled overnight.", "Damascus", None),
    ("The militias are loyal to Damascus.", "Damascus", "syria"),
    ("Hezbollah pledged allegiance to Tehran.", "Tehran", "iran"),
    ("The convoy travelled to Damascus.", "Damascus", None),
    ("Jets pounded the outskirts of Damascus.", "Damascus", None),
    ("The Russians bombed the hospital.", "Russians", "russia"),
    ("Russian jets bombed the hospital.", "Russian", "russia"),
    ("Syrian air defence batteries opened fire on the jets.", "Syrian", "syria"),
    ("The PKK fought the Turkish state.", "Turkish", "turkey"),
    ("Syrian civilians fled the bombing.", "Syrian", None),
    ("Russia and the regime are bombarding the city.", "regime", "syria"),
    ("Hezbollah attacked. Ahmad Qara Ali, a spokesman for the rebel group Ahrar al-Sham, spoke.", "group", None),
    ("Russia warned that the British and American governments fund them.", "governments", None),
    ("The Iranian regime denied it.", "Iranian regime", "iran"),
    ("The Turkish regime denied it.", "regime", "turkey"),
    ("Erdogan's regime denied it.", "regime", "turkey"),
    ("ISIS attacked. The Nusra Front attacked. The movement led by Abu Bakr al-Baghdadi fled.", "movement",
     "islamic_state"),
    ("Assad attacked. Putin's government denied it.", "government", "russia"),
]


@pytest.mark.parametrize(("text", "surface", "key"), METONYMS, ids=[m[0][:30] for m in METONYMS])
def test_places_and_demonyms_stand_for_states_only_when_they_act(nlp, text, surface, key):
    assert mention_of(nlp, text, surface) == key


COREFERENCE = [
    ("Staffan de Mistura arrived in Damascus. He asked al-Julani to withdraw.", "He", 0, "staffan_de_mistura"),
    ("Al-Julani refused. He asked his fighters to stay.", "his", 0, "abu_muhammad_al_julani"),
    ("The Levant Conquest Front is strong. It recently tried to dissociate itself from al-Qaeda.", "It", 0,
     "jabhat_fatah_al_sham"),
    ("Russia and the Assad regime rejected the call, days after they attacked a convoy.", "they", 0, "russia"),
    ("Russia and the Assad regime rejected the call, days after they attacked a convoy.", "they", 1, "syria"),
    ("UN Special Envoy Staffan de Mistura addressed the Levant Conquest Front, whose leader refused.", "whose", 0,
     "jabhat_fatah_al_sham"),
    ("Staffan de Mistura arrived. Moallem spoke after his meeting with the UN envoy.", "envoy", 0,
     "staffan_de_mistura"),
    ("Syrian Foreign Minister Walid Moallem met de Mistura. The Syrian FM said that he rejects it.", "FM", 0,
     "walid_al_moallem"),
    ("Jaysh al-Islam announced a ceasefire. The group said it would respect it.", "group", 0, "jaysh_al_islam"),
    ("John Kerry arrived. After meeting Sergei Lavrov, the US Secretary of State spoke.", "Secretary", 0, "john_kerry"),
    ("Hezbollah attacked. Ankara tolerated the group, whose fighters escorted the convoys.", "whose", 0, "hezbollah"),
    # a surname the parser alone takes for a name, after the person's full name
    ("Israeli military spokesman Jonathan Conricus said jets struck. \"We hit them,\" Conricus told reporters.",
     "Conricus", 0, "jonathan_conricus"),
    # "we" of a speaker named by surname alone: the side the text gave with the full name
    ("Israeli military spokesman Jonathan Conricus spoke. \"We will act,\" Conricus told reporters.", "We", 0,
     "israel_defense_forces"),
    # "X and its Y": the possessive is the conjunct's, not the sentence's subject
    ("The SDF guards a camp loyal to the Islamic State and its late leader.", "its", 0, "islamic_state"),
    ("The rebels were driven out by troops loyal to Assad and their Hezbollah allies.", "their", 0, None),
    ("Bashar al-Jaafari, Syria's ambassador to the United Nations and its chief negotiator, refused.", "its", 0, "syria"),
    # a plural noun of people between an actor and "them": the people, no actor
    ("The SDF holds a camp of 70,000 women and children, many of them loyal to ISIS.", "them", 0, None),
]


@pytest.mark.parametrize(("text", "surface", "nth", "key"), COREFERENCE, ids=[f"{c[1]}-{c[2]}-{c[3]}" for c in COREFERENCE])
def test_pronouns_and_descriptions_resolve_to_their_antecedent(nlp, text, surface, nth, key):
    assert mention_of(nlp, text, surface, nth) == key


NOT_ACTORS = [
    ("Fighting continued in East Aleppo.", "East Aleppo"),
    ("Residents of West Aleppo fled.", "West Aleppo"),
    ("They may go to Idlib or anywhere else.", "Idlib"),
    ("We will be trying to celebrate Christmas.", "Christmas"),
    ("The army took half of the Bustan al-Basha district.", "Bustan al-Basha"),
    ("The 275,000 civilians of the city suffered.", "275,000"),
    ("On Sunday the convoy left.", "Sunday"),
    ("Syrian civilians fled.", "Syrian civilians"),
    # a name the text has used as a place stays that place where the NER takes it for an organisation
    ("A strike near the village of Balyun killed 34 soldiers. Ankara blamed the Balyun strike on Syria.", "Balyun"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_ACTORS, ids=[n[1] for n in NOT_ACTORS])
def test_places_times_numbers_and_populations_are_never_actors(nlp, text, surface):
    doc = nlp(text)
    actors = [m for m in doc.spans["akg_mentions"]
              if doc._.akg_entities[m.id_].type not in ("Place", "Population") and surface.lower() in m.text.lower()]
    assert actors == []


def test_an_unknown_person_is_an_actor_and_a_bare_surname_joins_it(nlp):
    doc = nlp("Amina Rwein fled with her husband. Rwein said the gunmen fired at them.")
    keys = [m.id_ for m in doc.spans["akg_mentions"] if "Rwein" in m.text]
    assert keys == ["amina_rwein", "amina_rwein"]
    assert doc._.akg_entities["amina_rwein"].type == "Person"


def test_an_unknown_group_is_typed_by_the_words_of_its_name(nlp):
    doc = nlp("The Katibat al-Ghuraba Brigade attacked the checkpoint.")
    kinds = {doc._.akg_entities[m.id_].type for m in doc.spans["akg_mentions"] if "Brigade" in m.text}
    assert kinds == {"ArmedGroup"}


def test_a_renaming_in_the_text_is_recorded_with_both_names(nlp):
    doc = nlp("The jihadists of Jabhat Fatah al-Sham, formerly Jabhat al-Nusra, control the area.")
    assert [(r.key, r.former, r.new) for r in doc._.akg_renamings] == [
        ("jabhat_fatah_al_sham", "Jabhat al-Nusra", "Jabhat Fatah al-Sham")]
