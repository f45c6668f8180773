"""One table of names, in English and Bahasa Indonesia, for what people read.

Settings, policies, experiments, region presets, configuration groups, output
columns and their values each have a readable name here (``Name``), and the
settings a teacher moves also a one-line explanation. The teaching page
(``sim.app``), the sweep figures and reports (``sim.sweeps``) and the command's
help read them from here, so a name is the same wherever it appears. The tests
check that every setting, policy, experiment, region, perception and uncertainty
option and output column has a name in both languages. The names of settings are
kept in ``sim.runs.setting_names``, those of the model's values (ranks, violations,
sanction levels, kinds of PPK, motives) and ``Name`` itself in ``sim.runs.words``;
read them all from here.
"""

from __future__ import annotations

from collections.abc import Iterable

from .setting_names import SETTINGS
from .words import (
    ELECTION_KINDS,
    LANGUAGES,
    MOTIVES,
    PPK_KINDS,
    RANKS,
    SANCTION_LEVELS,
    VIOLATIONS,
    Name,
    _n,
)

__all__ = [
    "ELECTION_KINDS",
    "EXPERIMENTS",
    "GROUPS",
    "LANGUAGES",
    "MOTIVES",
    "OUTPUTS",
    "PERCEPTIONS",
    "REGIMES",
    "POLICIES",
    "PPK_KINDS",
    "RANKS",
    "REGIONS",
    "SANCTION_LEVELS",
    "SETTINGS",
    "TABLES",
    "UNCERTAINTIES",
    "VIOLATIONS",
    "Name",
    "about",
    "in_order",
    "name",
    "setting_name",
    "value_name",
]

# -- configuration groups and their options ------------------------------------------

GROUPS = {
    "region": _n("region", "daerah", "which region is simulated", "daerah yang disimulasikan"),
    "policy": _n(
        "policy",
        "kebijakan",
        "a deterrence policy: changes a few settings",
        "kebijakan pencegahan: mengubah beberapa pengaturan",
    ),
    "experiment": _n(
        "experiment",
        "eksperimen",
        "a prepared sweep (run with -m)",
        "sapuan yang sudah disiapkan (jalankan dengan -m)",
    ),
    "perception": _n(
        "perception of sanctions",
        "persepsi sanksi",
        "how the certainty and severity of sanctions are perceived",
        "bagaimana ASN memandang kepastian dan beratnya sanksi",
    ),
    "regime": _n(
        "oversight regime",
        "rezim pengawasan",
        "who verifies, recommends and sanctions, and with what powers",
        "siapa yang memeriksa, merekomendasikan dan menjatuhkan sanksi, dengan kewenangan apa",
    ),
    "uncertainty": _n(
        "parameter uncertainty",
        "ketidakpastian parameter",
        "the settings as given, or replications on posterior draws",
        "pengaturan apa adanya, atau ulangan pada sampel posterior kalibrasi",
    ),
}
UNCERTAINTIES = {
    "none": _n(
        "settings as given",
        "pengaturan apa adanya",
        "every replication runs the settings as given (the defaults are calibrated)",
        "setiap ulangan memakai pengaturan apa adanya (nilai bawaan sudah terkalibrasi)",
    ),
    "posterior": _n(
        "posterior draws",
        "sampel posterior",
        "replication r runs posterior draw r mod uncertainty.draws: intervals include what "
        "the record leaves uncertain about the parameters",
        "ulangan r memakai sampel posterior ke-(r mod uncertainty.draws): selang mencakup "
        "ketidakpastian parameter yang tidak dijawab data",
    ),
}
REGIMES = {
    "kasn_2020": _n(
        "KASN (2020)",
        "KASN (2020)",
        "KASN verifies and recommends, the PPK sanctions: the calibrated baseline",
        "KASN memeriksa dan merekomendasikan, PPK menjatuhkan sanksi: kondisi dasar terkalibrasi",
    ),
    "transition_2024": _n(
        "Transition (2024)",
        "Masa transisi (2024)",
        "no KASN: BKN verifies with less capacity, no deadlines",
        "tanpa KASN: BKN memeriksa dengan kapasitas lebih kecil, tanpa tenggat",
    ),
    "body_advisory": _n(
        "Independent body, advisory",
        "Lembaga independen, rekomendasi",
        "a new independent body whose recommendations the PPK may ignore",
        "lembaga independen baru yang rekomendasinya boleh diabaikan PPK",
    ),
    "body_binding": _n(
        "Independent body, binding",
        "Lembaga independen, mengikat",
        "past the deadline the body's sanction applies without the PPK",
        "lewat tenggat, sanksi dari lembaga berlaku tanpa PPK",
    ),
    "body_binding_ppk": _n(
        "Independent body, binding, sanctions the PPK",
        "Lembaga independen, mengikat, menyanksi PPK",
        "binding, and a PPK who ignores a recommendation is sanctioned",
        "mengikat, dan PPK yang mengabaikan rekomendasi dikenai sanksi",
    ),
}
PERCEPTIONS = {
    "learned": _n(
        "learned from cases seen",
        "dipelajari dari kasus yang diketahui",
        "each civil servant counts the cases it sees end with a sanction or without one, "
        "and the levels of the sanctions, through its ties and the news; the first belief "
        "is the enforcement record's",
        "setiap ASN menghitung kasus yang diketahuinya berakhir dengan atau tanpa sanksi, "
        "beserta tingkat sanksinya, lewat jejaring dan pemberitaan; keyakinan awalnya "
        "mengikuti catatan penegakan",
    ),
    "informed": _n(
        "known exactly",
        "diketahui dengan tepat",
        "everyone knows the current chance and severity of a sanction as they are: the "
        "rational-expectations benchmark",
        "setiap ASN mengetahui peluang dan beratnya sanksi yang sebenarnya saat itu: "
        "tolok ukur ekspektasi rasional",
    ),
    "fixed": _n(
        "the earlier rule",
        "aturan sebelumnya",
        "risk learned from sanctions seen nearby, fading towards perception.prior_risk; "
        "severity known exactly; kept to compare",
        "risiko dipelajari dari sanksi yang terlihat di sekitar, memudar ke arah "
        "perception.prior_risk; beratnya sanksi diketahui dengan tepat; disimpan sebagai "
        "pembanding",
    ),
}
REGIONS = {
    "regency": _n(
        "regency",
        "kabupaten",
        "a regency of average size, 6,700 civil servants",
        "kabupaten berukuran rata-rata, 6.700 ASN",
    ),
    "classroom": _n(
        "classroom (small city)",
        "kelas (kota kecil)",
        "a small city's civil service, 2,000 civil servants, every setting calibrated: the "
        "teaching page's region",
        "ASN sebuah kota kecil, 2.000 orang, semua pengaturan terkalibrasi: daerah halaman ajar",
    ),
    "small": _n(
        "small region",
        "daerah kecil",
        "300 civil servants: fast, for tests",
        "300 ASN: cepat, untuk pengujian",
    ),
    "national": _n(
        "national (Pilkada 2024)",
        "nasional (Pilkada 2024)",
        "the 545 regions of Pilkada 2024 at once, 3.65 million civil servants",
        "545 daerah Pilkada 2024 sekaligus, 3,65 juta ASN",
    ),
}
POLICIES = {
    "baseline": _n(
        "Baseline (2020 enforcement)",
        "Kondisi dasar (penegakan 2020)",
        "enforcement as it stood in Pilkada 2020 (the calibrated settings)",
        "penegakan seperti pada Pilkada 2020 (pengaturan terkalibrasi)",
    ),
    "heavier_sanctions": _n(
        "Heavier sanctions",
        "Sanksi lebih berat",
        "medium and heavy discipline instead of mostly moral sanctions",
        "hukuman disiplin sedang dan berat, bukan terutama sanksi moral",
    ),
    "certain_enforcement": _n(
        "Certain enforcement",
        "Penegakan pasti",
        "every recommendation the PPK ignores is noticed, and costs it ten times as much",
        "setiap rekomendasi yang diabaikan PPK pasti ketahuan, dan bebannya bagi PPK "
        "sepuluh kali lipat",
    ),
    "central_enforcement": _n(
        "Central enforcement (BKN)",
        "Penegakan terpusat (BKN)",
        "BKN imposes the sanction instead of the PPK",
        "BKN menjatuhkan sanksi menggantikan PPK",
    ),
    "more_patrols": _n(
        "More Bawaslu patrols",
        "Patroli Bawaslu ditambah",
        "patrols twice as likely to find a violation",
        "patroli dua kali lebih mungkin menemukan pelanggaran",
    ),
    "whistleblower_protection": _n(
        "Whistleblower protection",
        "Perlindungan pelapor",
        "reports by the public and by rival teams three times as likely",
        "laporan masyarakat dan tim lawan tiga kali lebih mungkin",
    ),
    "merit_system": _n(
        "Merit system",
        "Sistem merit",
        "80% of senior-post decisions on merit",
        "80% keputusan jabatan senior berdasarkan merit",
    ),
    "socialisation": _n(
        "Socialisation (briefings)",
        "Sosialisasi",
        "everyone briefed on the rules, and told of three times as many of the region's "
        "cases, sanctioned or not",
        "semua ASN mendapat sosialisasi aturan dan mendengar kabar tiga kali lebih banyak "
        "kasus di daerahnya, yang disanksi maupun yang tidak",
    ),
    "combined": _n(
        "All measures combined",
        "Semua kebijakan sekaligus",
        "every measure above at once",
        "semua kebijakan di atas sekaligus",
    ),
}
EXPERIMENTS = {
    "reform_2027": _n(
        "The 2027 oversight question",
        "Pertanyaan pengawasan 2027",
        "oversight regimes x who appoints JPT x election kind x perception",
        "rezim pengawasan x pengangkat JPT x jenis pemilihan x persepsi",
    ),
    "reform_2027_cluster": _n(
        "The 2027 oversight question, cluster size",
        "Pertanyaan pengawasan 2027, ukuran klaster",
        "reform_2027 with 400 replications and five national runs of three elections",
        "reform_2027 dengan 400 ulangan dan lima simulasi nasional tiga pemilihan",
    ),
    "policy_comparison": _n(
        "Policy comparison",
        "Perbandingan kebijakan",
        "every policy on the default regency, paired by seed",
        "setiap kebijakan pada kabupaten bawaan, berpasangan menurut seed",
    ),
    "deterrence_grid": _n(
        "Deterrence grid",
        "Kisi pencegahan",
        "sanction strength x PPK follow-up, 6 x 6",
        "beratnya sanksi x tindak lanjut PPK, 6 x 6",
    ),
    "career_dependence": _n(
        "career dependence",
        "ketergantungan karier",
        "career dependence 0 to 10, with and without the merit system",
        "ketergantungan karier 0 sampai 10, dengan dan tanpa sistem merit",
    ),
    "sensitivity": _n(
        "Sensitivity (Sobol)",
        "Sensitivitas (Sobol)",
        "which of seven levers matters most, with interactions",
        "mana dari tujuh tuas yang paling berpengaruh, termasuk interaksinya",
    ),
    "sensitivity_morris": _n(
        "Sensitivity (Morris)",
        "Sensitivitas (Morris)",
        "the same seven levers, screened cheaply",
        "tujuh tuas yang sama, disaring dengan murah",
    ),
    "sensitivity_publication": _n(
        "Sensitivity (publication size)",
        "Sensitivitas (ukuran publikasi)",
        "the Sobol analysis at cluster size",
        "analisis Sobol berukuran klaster",
    ),
}

# -- output columns (sim.model.metrics.SUMMARY_COLUMNS, TIMESERIES_COLUMNS) ------------

OUTPUTS = {
    "replication": _n("replication", "ulangan"),
    "seed": _n("seed", "seed"),
    "policy": _n("policy", "kebijakan"),
    "cycle": _n("cycle", "siklus"),
    "week": _n("campaign week", "minggu kampanye"),
    "incumbent_ran": _n("incumbent ran", "petahana maju"),
    "ppk_kind": _n("who the PPK is", "status PPK"),
    "violation_rate": _n("violation rate", "tingkat pelanggaran"),
    "violators": _n("violated", "melanggar"),
    "violation_rate_ppk_side": _n(
        "violated, backing the PPK's side", "melanggar, mendukung pihak PPK"
    ),
    "acts": _n("violations committed", "pelanggaran yang dilakukan"),
    "reported": _n("reported", "dilaporkan"),
    "reported_by_patrol": _n("reported by patrols", "dilaporkan patroli"),
    "reported_by_public": _n("reported by the public", "dilaporkan masyarakat"),
    "reported_by_rivals": _n("reported by rival teams", "dilaporkan tim lawan"),
    "proven": _n("proven", "terbukti"),
    "proven_ppk_side": _n("proven, PPK's side", "terbukti, pihak PPK"),
    "sanctioned": _n("sanctioned", "disanksi"),
    "followup_rate": _n(
        "PPK follow-up (sanctioned / proven)", "tindak lanjut (disanksi / terbukti)"
    ),
    "recommendations_ignored": _n(
        "recommendations not acted on", "rekomendasi yang tidak ditindaklanjuti"
    ),
    "protected": _n("shielded by the PPK", "dilindungi PPK"),
    "pressed": _n("pressed by the PPK", "ditekan PPK"),
    "threatened": _n("threatened by the PPK", "diancam PPK"),
    "backing_ppk_side": _n("backing the PPK's side", "mendukung pihak PPK"),
    "backing_rivals": _n("backing a rival", "mendukung pesaing"),
    "winner": _n("winner", "pemenang"),
    "ppk_side_won": _n("PPK's side won", "pihak PPK menang"),
    "ppk_side_vote_share": _n("PPK's side's vote share", "perolehan suara pihak PPK"),
    "mean_perceived_risk": _n("expected risk of a sanction", "risiko sanksi yang diyakini"),
    "mean_perceived_severity": _n("expected weight of a sanction", "beratnya sanksi yang diyakini"),
    "promoted": _n("promoted", "dipromosikan"),
    "demoted": _n("demoted", "didemosi"),
    "senior_merit": _n("competence of senior officials", "kompetensi pejabat senior"),
    "promoted_loyalists": _n("promotions to loyalists", "promosi bagi loyalis"),
    "loyalty_payoff": _n("believed payoff of loyalty", "imbalan loyalitas yang diyakini"),
    "promoted_on_merit": _n("promoted on merit", "dipromosikan berdasarkan merit"),
    "promoted_by_loyalty": _n("promoted by the winner", "dipromosikan oleh pemenang"),
    "demoted_by_loyalty": _n("demoted by the winner", "didemosi oleh pemenang"),
    "moved_to_non_job": _n("moved to a non-job post", "di-non-job-kan"),
    "jpt_loyalists": _n("JPT held by the winner's backers", "JPT dijabat pendukung pemenang"),
    "jpt_on_merit": _n("JPT placed on merit", "JPT yang diisi berdasarkan merit"),
    "jpt_competence": _n("competence of JPT", "kompetensi pejabat JPT"),
    "took_side": _n("took a side", "berpihak"),
    **{f"mostly_{k}": _n(f"mostly {v.en}", f"terutama {v.id}") for k, v in MOTIVES.items()},
    "pushed_by_team": _n("pushed by a campaign team", "didorong tim sukses"),
    "pushed_by_superior": _n("pushed by a superior or the PPK", "didorong atasan atau PPK"),
    "pushed_by_candidate": _n(
        "drawn by kinship with the candidate", "tertarik kekerabatan dengan calon"
    ),
    "motive_kin": _n("kinship among the motives", "kekerabatan termasuk motif"),
    "motive_career": _n("career among the motives", "karier termasuk motif"),
    "decided_by_vote": _n(
        "reports decided by the vote", "laporan diputus sebelum pemungutan suara"
    ),
    "mean_weeks_to_verdict": _n(
        "weeks from a report to its verdict", "minggu dari laporan hingga putusan"
    ),
    "mean_weeks_to_sanction": _n(
        "weeks from a report to its sanction", "minggu dari laporan hingga sanksi"
    ),
    "followup_deadline_met": _n("PPK's deadline met", "tenggat tindak lanjut PPK terpenuhi"),
    "reports_expired": _n("reports expired in the queue", "laporan kedaluwarsa dalam antrean"),
    "share_neutral": _n("neutral", "netral"),
    "share_ppk_side": _n("backing the PPK's side", "mendukung pihak PPK"),
    "share_rivals": _n("backing a rival", "mendukung pesaing"),
    "new_violations": _n("violations this week", "pelanggaran minggu ini"),
    "awaiting_verification": _n("reports awaiting verification", "laporan menunggu verifikasi"),
    "awaiting_followup": _n(
        "sanctions decided, not yet imposed", "sanksi diputuskan, belum dijatuhkan"
    ),
    "draw": _n("posterior draw", "sampel posterior"),  # uncertainty=posterior only
    **{
        f"violation_rate_{rank}": _n(
            f"violation rate: {name.en}", f"tingkat pelanggaran: {name.id}"
        )
        for rank, name in RANKS.items()
    },
    **{f"acts_{k}": _n(f"acts: {v.en}", f"pelanggaran: {v.id}") for k, v in VIOLATIONS.items()},
    **{f"proven_{k}": _n(f"proven: {v.en}", f"terbukti: {v.id}") for k, v in VIOLATIONS.items()},
    **{
        f"proven_{rank}": _n(f"proven: {name.en}", f"terbukti: {name.id}")
        for rank, name in RANKS.items()
    },
    **{
        f"sanctioned_{k}": _n(f"sanctioned: {v.en}", f"disanksi: {v.id}")
        for k, v in SANCTION_LEVELS.items()
    },
}

TABLES = {
    "setting": SETTINGS,
    "group": GROUPS,
    "region": REGIONS,
    "policy": POLICIES,
    "experiment": EXPERIMENTS,
    "output": OUTPUTS,
    "uncertainty": UNCERTAINTIES,
    "perception": PERCEPTIONS,
    "regime": REGIMES,
    "rank": RANKS,
    "violation": VIOLATIONS,
    "sanction_level": SANCTION_LEVELS,
    "election": ELECTION_KINDS,
    "ppk_kind": PPK_KINDS,
    "motive": MOTIVES,
}


def _fallback(key: str) -> str:
    """A key said in words, for a name not (yet) in the table: a.b_c -> 'b c'."""
    return key.rsplit(".", 1)[-1].replace("_", " ")


def name(table: str, key: str, language: str = "en") -> str:
    """The readable name of ``key`` in ``TABLES[table]``, in ``language``.

    A key the table lacks (a setting added since) is said from the key itself, so
    nothing breaks; the tests make sure every current key has its own name.
    """
    found = TABLES[table].get(key)
    return found(language) if found else _fallback(key)


def in_order(table: str, keys: Iterable[str]) -> list[str]:
    """``keys`` in the order ``TABLES[table]`` names them (regimes from 2020 to the most
    powerful body, say); keys it does not name follow, in the order given."""
    keys = list(dict.fromkeys(keys))
    return [k for k in TABLES[table] if k in keys] + [k for k in keys if k not in TABLES[table]]


def about(table: str, key: str, language: str = "en") -> str:
    """The one-line explanation of ``key`` (empty when it has none)."""
    found = TABLES[table].get(key)
    return found.about(language) if found else ""


def setting_name(key: str, language: str = "en") -> str:
    """A swept key's readable name: a setting, or a group chosen on the command line."""
    if key in SETTINGS:
        return SETTINGS[key](language)
    if key in GROUPS:
        return GROUPS[key](language)
    return _fallback(key)


def value_name(key: str, value: object, language: str = "en") -> str:
    """A swept value in words: a policy's or region's name, a number as written."""
    table = {
        "policy": POLICIES,
        "region": REGIONS,
        "region.name": REGIONS,
        "election.kind": ELECTION_KINDS,
        "uncertainty": UNCERTAINTIES,
        "uncertainty.kind": UNCERTAINTIES,
        "perception": PERCEPTIONS,
        "perception.kind": PERCEPTIONS,
        "regime": REGIMES,
        "ppk_kind": PPK_KINDS,
    }.get(key)
    if table is not None and str(value) in table:
        return table[str(value)](language)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
