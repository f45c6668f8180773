"""One table of names, in English and Bahasa Indonesia, for what people read.

Settings, policies, experiments, region presets, configuration groups, output
columns and their values each have a readable name here (``Name``), and the
settings a teacher moves also a one-line explanation. The teaching page
(``sim.app``), the sweep figures and reports (``sim.sweeps``) and the command's
help read them from here, so a name is the same wherever it appears. The tests
check that every setting, policy, experiment, region, uncertainty option and
output column has a name in both languages.
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


# -- values ---------------------------------------------------------------------

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

# -- settings (every key of sim.model.validation.settings_table) --------------------

SETTINGS = {
    "seed": _n("seed", "seed (benih acak)"),
    "replications": _n("replications", "jumlah ulangan"),
    "first_replication": _n("first replication", "nomor ulangan pertama"),
    "cycles": _n("election cycles", "jumlah siklus pemilihan"),
    "campaign_weeks": _n("campaign weeks", "minggu kampanye"),
    "policy": _n("policy", "kebijakan"),
    "region.name": _n("region", "daerah"),
    "region.civil_servants": _n("civil servants", "jumlah ASN"),
    "region.regions": _n("regions", "jumlah daerah"),
    "region.size_spread": _n("spread of region sizes", "sebaran ukuran daerah"),
    "region.org_chart": _n("organisation chart", "bagan organisasi"),
    "region.candidates": _n("candidates", "jumlah pasangan calon"),
    "region.incumbent_runs": _n("chance the incumbent runs", "peluang petahana maju"),
    "region.kinship_density": _n("kinship density", "kepadatan ikatan kekerabatan"),
    "region.kin_group_size": _n("kin group size", "ukuran kelompok kerabat"),
    "region.rank_weights.jpt": _n("JPT posts (weight)", "bobot jabatan JPT"),
    "region.rank_weights.administrator": _n(
        "administrator posts (weight)", "bobot jabatan administrator"
    ),
    "region.rank_weights.pengawas": _n("pengawas posts (weight)", "bobot jabatan pengawas"),
    "region.rank_weights.functional": _n("functional staff (weight)", "bobot pejabat fungsional"),
    "region.rank_weights.pelaksana": _n("pelaksana staff (weight)", "bobot pelaksana"),
    "election.kind": _n("election", "jenis pemilihan"),
    "election.pemilu_leverage": _n("PPK leverage in a Pemilu", "daya tekan PPK saat Pemilu"),
    "election.open_seat_leverage": _n(
        "PPK leverage when not running", "daya tekan PPK saat tidak maju"
    ),
    "election.incumbency_advantage": _n("incumbency advantage", "keunggulan petahana"),
    "election.voters_per_civil_servant": _n("voters per civil servant", "pemilih per ASN"),
    "election.mobilised_votes": _n("votes a backer mobilises", "suara yang digerakkan pendukung"),
    "election.vote_noise": _n("vote uncertainty", "ketidakpastian perolehan suara"),
    "behaviour.career_dependence": _n(
        "career dependence",
        "ketergantungan karier",
        "How much a civil servant's next post depends on backing the winner "
        "(0: not at all, 10: everything).",
        "Seberapa besar jabatan berikutnya bergantung pada mendukung pemenang "
        "(0: sama sekali tidak, 10: sepenuhnya).",
    ),
    "behaviour.kin_loyalty": _n("kin loyalty", "loyalitas kekerabatan"),
    "behaviour.supervisor_pressure": _n("supervisor's pressure", "tekanan atasan"),
    "behaviour.ppk_pressure": _n("PPK's pressure on JPT", "tekanan PPK pada JPT"),
    "behaviour.norm_weight": _n("colleagues' example", "pengaruh rekan kerja"),
    "behaviour.integrity": _n("integrity", "integritas"),
    "behaviour.integrity_spread": _n("spread of integrity", "sebaran integritas"),
    "behaviour.knowledge": _n("knowledge of the rules", "pengetahuan aturan netralitas"),
    "behaviour.inertia": _n("inertia", "kelembaman pilihan"),
    "behaviour.temperature": _n("randomness of choices", "keacakan pilihan"),
    "behaviour.activity": _n("backers' activity", "keaktifan pendukung"),
    "behaviour.prior_risk": _n(
        "expected risk before experience", "risiko sanksi yang diyakini awal"
    ),
    "behaviour.prior_weight": _n("weight of that expectation", "bobot keyakinan awal"),
    "behaviour.sanction_salience": _n("salience of a sanction seen", "kesan sanksi yang terlihat"),
    "behaviour.memory": _n("memory between cycles", "ingatan antarsiklus"),
    **{
        f"behaviour.violation_propensity.{kind}": _n(
            f"propensity: {name.en}", f"kecenderungan: {name.id}"
        )
        for kind, name in VIOLATIONS.items()
    },
    "enforcement.detection_probability": _n(
        "Bawaslu patrol detection",
        "deteksi patroli Bawaslu",
        "Chance a Bawaslu patrol finds a visible violation in a week (calibrated: under 1%).",
        "Peluang patroli Bawaslu menemukan pelanggaran yang terlihat dalam seminggu "
        "(terkalibrasi: di bawah 1%).",
    ),
    "enforcement.report_probability": _n("public reports", "laporan masyarakat"),
    "enforcement.proof_probability": _n("chance a report is proven", "peluang laporan terbukti"),
    "enforcement.enforcement_probability": _n(
        "PPK follow-up",
        "tindak lanjut PPK",
        "Chance the PPK sanctions a civil servant once KASN/BKN has proven the case.",
        "Peluang PPK menjatuhkan sanksi setelah KASN/BKN membuktikan kasusnya.",
    ),
    "enforcement.patron_protection": _n(
        "patron protection",
        "perlindungan patron",
        "Share of proven cases the PPK drops when the civil servant backed its side.",
        "Porsi kasus terbukti yang dibiarkan PPK bila ASN itu mendukung pihaknya.",
    ),
    "enforcement.central_enforcement": _n(
        "central enforcement (BKN)",
        "penegakan terpusat (BKN)",
        "BKN applies the sanction itself: no protection, no waiting for the PPK.",
        "BKN sendiri yang menjatuhkan sanksi: tanpa perlindungan, tanpa menunggu PPK.",
    ),
    "enforcement.sanction_strength": _n(
        "sanction strength",
        "beratnya sanksi",
        "How much civil servants fear a sanction, weighed against career and loyalty.",
        "Seberapa ditakuti sanksi, ditimbang terhadap karier dan loyalitas.",
    ),
    "enforcement.verification_weeks": _n("weeks to a verdict", "minggu hingga putusan"),
    "enforcement.followup_delay_weeks": _n(
        "PPK's delay (weeks)", "jeda tindak lanjut PPK (minggu)"
    ),
    "enforcement.central_delay_weeks": _n("BKN's delay (weeks)", "jeda sanksi BKN (minggu)"),
    **{
        f"enforcement.sanction_mix.{level}": _n(f"share of {name.en}", f"porsi {name.id}")
        for level, name in SANCTION_LEVELS.items()
    },
    "careers.merit_weight": _n(
        "merit weight in promotions",
        "bobot merit dalam promosi",
        "Share of senior posts filled on merit rather than loyalty to the winner.",
        "Porsi jabatan senior yang diisi berdasarkan merit, bukan loyalitas kepada pemenang.",
    ),
    "careers.turnover": _n(
        "posts reviewed after a vote", "jabatan yang ditinjau setelah pemilihan"
    ),
    "careers.prior_loyalty_payoff": _n(
        "expected payoff of loyalty", "imbalan loyalitas yang diyakini"
    ),
    "careers.shortlist": _n("shortlist for a post", "daftar pendek calon pejabat"),
    **{
        f"careers.stakes.{rank}": _n(f"career stake: {name.en}", f"taruhan karier: {name.id}")
        for rank, name in RANKS.items()
    },
    "uncertainty.kind": _n("parameter uncertainty", "ketidakpastian parameter"),
    "uncertainty.draws": _n("posterior draws", "jumlah sampel posterior"),
    "uncertainty.sample": _n("posterior sample file", "berkas sampel posterior"),
}

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
        "every replication runs the settings as given (the defaults are the posterior medians)",
        "setiap ulangan memakai pengaturan apa adanya (nilai bawaan adalah median posterior)",
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
        "the PPK follows up every recommendation and protects no one",
        "PPK menindaklanjuti setiap rekomendasi dan tidak melindungi siapa pun",
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
        "public reports three times as likely",
        "laporan masyarakat tiga kali lebih mungkin",
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
        "everyone briefed; expected risk of a sanction raised",
        "semua ASN mendapat sosialisasi; risiko sanksi yang diyakini naik",
    ),
    "combined": _n(
        "All measures combined",
        "Semua kebijakan sekaligus",
        "every measure above at once",
        "semua kebijakan di atas sekaligus",
    ),
}
EXPERIMENTS = {
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
    "violation_rate": _n("violation rate", "tingkat pelanggaran"),
    "violators": _n("violated", "melanggar"),
    "violation_rate_ppk_side": _n(
        "violated, backing the PPK's side", "melanggar, mendukung pihak PPK"
    ),
    "acts": _n("violations committed", "pelanggaran yang dilakukan"),
    "reported": _n("reported", "dilaporkan"),
    "reported_by_patrol": _n("reported by patrols", "dilaporkan patroli"),
    "reported_by_public": _n("reported by the public", "dilaporkan masyarakat"),
    "proven": _n("proven", "terbukti"),
    "proven_ppk_side": _n("proven, PPK's side", "terbukti, pihak PPK"),
    "sanctioned": _n("sanctioned", "disanksi"),
    "followup_rate": _n(
        "PPK follow-up (sanctioned / proven)", "tindak lanjut (disanksi / terbukti)"
    ),
    "backing_ppk_side": _n("backing the PPK's side", "mendukung pihak PPK"),
    "backing_rivals": _n("backing a rival", "mendukung pesaing"),
    "winner": _n("winner", "pemenang"),
    "ppk_side_won": _n("PPK's side won", "pihak PPK menang"),
    "ppk_side_vote_share": _n("PPK's side's vote share", "perolehan suara pihak PPK"),
    "mean_perceived_risk": _n("expected risk of a sanction", "risiko sanksi yang diyakini"),
    "promoted": _n("promoted", "dipromosikan"),
    "demoted": _n("demoted", "didemosi"),
    "senior_merit": _n("competence of senior officials", "kompetensi pejabat senior"),
    "promoted_loyalists": _n("promotions to loyalists", "promosi bagi loyalis"),
    "loyalty_payoff": _n("believed payoff of loyalty", "imbalan loyalitas yang diyakini"),
    "share_neutral": _n("neutral", "netral"),
    "share_ppk_side": _n("backing the PPK's side", "mendukung pihak PPK"),
    "share_rivals": _n("backing a rival", "mendukung pesaing"),
    "new_violations": _n("violations this week", "pelanggaran minggu ini"),
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
    "rank": RANKS,
    "violation": VIOLATIONS,
    "sanction_level": SANCTION_LEVELS,
    "election": ELECTION_KINDS,
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
    }.get(key)
    if table is not None and str(value) in table:
        return table[str(value)](language)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
