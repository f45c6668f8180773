"""A readable name in two languages (``Name``), and the names of the model's values.

Ranks, violations, sanction levels, kinds of election, kinds of PPK and motives are
named here once; the names of settings (``sim.runs.setting_names``) and of output
columns (``sim.runs.names``) are built from them. Read names through
``sim.runs.names``.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "id")
"""English, Bahasa Indonesia."""


@dataclass(frozen=True)
class Name:
    """A readable name in both languages, and an optional one-line explanation."""

    en: str
    id: str
    about_en: str = ""
    about_id: str = ""

    def __call__(self, language: str = "en") -> str:
        return self.id if language == "id" else self.en

    def about(self, language: str = "en") -> str:
        return self.about_id if language == "id" else self.about_en


def _n(en: str, id: str, about_en: str = "", about_id: str = "") -> Name:
    return Name(en, id, about_en, about_id)


RANKS = {
    "jpt": _n("JPT", "JPT"),
    "administrator": _n("administrators", "administrator"),
    "pengawas": _n("pengawas", "pengawas"),
    "functional": _n("functional staff", "pejabat fungsional"),
    "pelaksana": _n("pelaksana", "pelaksana"),
}
VIOLATIONS = {
    "social_media": _n("social media", "media sosial"),
    "partisan_activity": _n("partisan activity", "kegiatan partisan"),
    "candidate_photo": _n("photo with a candidate", "foto bersama calon"),
    "declaration": _n("attending a declaration", "menghadiri deklarasi"),
    "party_approach": _n("approaching a party", "mendekati partai"),
    "mobilising_subordinates": _n("mobilising subordinates", "memobilisasi bawahan"),
    "state_facilities": _n("state facilities", "fasilitas negara"),
}
SANCTION_LEVELS = {
    "moral": _n("moral sanction", "sanksi moral"),
    "light": _n("light discipline", "hukuman disiplin ringan"),
    "medium": _n("medium discipline", "hukuman disiplin sedang"),
    "heavy": _n("heavy discipline", "hukuman disiplin berat"),
}
ELECTION_KINDS = {
    "pilkada": _n("Pilkada (regional head election)", "Pilkada"),
    "pemilu": _n("Pemilu (national election)", "Pemilu"),
}
PPK_KINDS = {  # sim.model.campaign.PpkKind: the summary's ppk_kind, region.ppk_kind.*
    "incumbent": _n("incumbent running again", "petahana maju kembali"),
    "successor": _n("incumbent backing a successor", "petahana mendukung penerusnya"),
    "acting": _n("acting head (Pj)", "penjabat kepala daerah (Pj)"),
}
MOTIVES = {  # sim.model.campaign.Motive: the summary's mostly_<motive>
    "career": _n("career", "karier"),
    "kin": _n("kinship", "kekerabatan"),
    "team": _n("campaign team", "tim sukses"),
    "superior": _n("superior's pressure", "tekanan atasan"),
    "norm": _n("colleagues' example", "contoh rekan kerja"),
}
