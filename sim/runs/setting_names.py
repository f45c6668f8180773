"""The readable name of every setting, in English and Bahasa Indonesia.

One entry per key of ``sim.model.validation.settings_table`` (the tests check both
ways); the settings a teacher moves on the page also say in a line what they do.
Read them through ``sim.runs.names``.
"""

from __future__ import annotations

from .words import PPK_KINDS, RANKS, SANCTION_LEVELS, VIOLATIONS, _n

RUN = {
    "seed": _n("seed", "seed (benih acak)"),
    "replications": _n("replications", "jumlah ulangan"),
    "first_replication": _n("first replication", "nomor ulangan pertama"),
    "cycles": _n("election cycles", "jumlah siklus pemilihan"),
    "campaign_weeks": _n("campaign weeks", "minggu kampanye"),
    "policy": _n("policy", "kebijakan"),
    "regime": _n("oversight regime", "rezim pengawasan"),
}
REGION = {
    "region.name": _n("region", "daerah"),
    "region.civil_servants": _n("civil servants", "jumlah ASN"),
    "region.regions": _n("regions", "jumlah daerah"),
    "region.size_spread": _n("spread of region sizes", "sebaran ukuran daerah"),
    "region.org_chart": _n("organisation chart", "bagan organisasi"),
    "region.candidates": _n("candidates", "jumlah pasangan calon"),
    "region.kinship_density": _n("kinship density", "kepadatan ikatan kekerabatan"),
    "region.kin_group_size": _n("kin group size", "ukuran kelompok kerabat"),
    "region.rank_weights.jpt": _n("JPT posts (weight)", "bobot jabatan JPT"),
    "region.rank_weights.administrator": _n(
        "administrator posts (weight)", "bobot jabatan administrator"
    ),
    "region.rank_weights.pengawas": _n("pengawas posts (weight)", "bobot jabatan pengawas"),
    "region.rank_weights.functional": _n("functional staff (weight)", "bobot pejabat fungsional"),
    "region.rank_weights.pelaksana": _n("pelaksana staff (weight)", "bobot pelaksana"),
    **{
        f"region.ppk_kind.{kind}": _n(f"share of cycles: {name.en}", f"porsi siklus: {name.id}")
        for kind, name in PPK_KINDS.items()
    },
}
ELECTION = {
    "election.kind": _n("election", "jenis pemilihan"),
    "election.pemilu_leverage": _n("PPK leverage in a Pemilu", "daya tekan PPK saat Pemilu"),
    "election.open_seat_leverage": _n(
        "PPK leverage when not running", "daya tekan PPK saat tidak maju"
    ),
    "election.acting_leverage": _n(
        "leverage of an acting head (Pj)", "daya tekan penjabat kepala daerah (Pj)"
    ),
    "election.incumbency_advantage": _n("incumbency advantage", "keunggulan petahana"),
    "election.voters_per_civil_servant": _n("voters per civil servant", "pemilih per ASN"),
    "election.mobilised_votes": _n("votes a backer mobilises", "suara yang digerakkan pendukung"),
    "election.vote_noise": _n("vote uncertainty", "ketidakpastian perolehan suara"),
}
BEHAVIOUR = {
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
    **{
        f"behaviour.violation_propensity.{kind}": _n(
            f"propensity: {name.en}", f"kecenderungan: {name.id}"
        )
        for kind, name in VIOLATIONS.items()
    },
}
ENFORCEMENT = {
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
        "Chance the PPK's office takes up a case KASN/BKN has proven at all; sparing a "
        "supporter is the PPK's own choice.",
        "Peluang kantor PPK menindaklanjuti kasus yang dibuktikan KASN/BKN; membiarkan "
        "pendukungnya lolos adalah pilihan PPK sendiri.",
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
    "enforcement.bawaslu_capacity": _n(
        "Bawaslu's capacity for reports (a week, per 1,000 ASN)",
        "kapasitas Bawaslu menangani laporan (per minggu, per 1.000 ASN)",
    ),
    "enforcement.verifier_capacity": _n(
        "KASN/BKN's verification capacity (a week, nationally)",
        "kapasitas verifikasi KASN/BKN (per minggu, nasional)",
    ),
    "enforcement.followup_deadline_weeks": _n(
        "PPK's deadline to act (weeks)", "tenggat tindak lanjut PPK (minggu)"
    ),
    **{
        f"enforcement.sanction_mix.{level}": _n(f"share of {name.en}", f"porsi {name.id}")
        for level, name in SANCTION_LEVELS.items()
    },
    **{
        f"enforcement.ladder.{level}": _n(
            f"weight felt: {name.en}", f"bobot yang dirasakan: {name.id}"
        )
        for level, name in SANCTION_LEVELS.items()
    },
}
PERCEPTION = {
    "perception.kind": _n("how sanctions are perceived", "pembentukan persepsi sanksi"),
    "perception.prior_weight": _n(
        "weight of the first belief (in cases)", "bobot keyakinan awal (dalam kasus)"
    ),
    "perception.memory": _n("memory between cycles", "ingatan antarsiklus"),
    "perception.news_reach": _n("reach of the news of cases", "jangkauan kabar tentang kasus"),
    "perception.impunity_weeks": _n(
        "weeks until a case is seen as unpunished",
        "minggu hingga kasus dianggap lolos dari sanksi",
    ),
    "perception.prior_risk": _n(
        "expected risk before experience", "risiko sanksi yang diyakini di awal"
    ),
    "perception.sanction_salience": _n(
        "weight of a sanction seen nearby", "bobot sanksi yang disaksikan di sekitar"
    ),
}
CAREERS = {
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
    "careers.loyalty_weight": _n(
        "weight of loyalty in the winner's choices", "bobot loyalitas dalam pilihan pemenang"
    ),
    "careers.purge_severity": _n("fear of a purge", "ketakutan akan pencopotan"),
    "careers.shortlist": _n("shortlist for a post", "daftar pendek calon pejabat"),
    **{
        f"careers.stakes.{rank}": _n(f"career stake: {name.en}", f"taruhan karier: {name.id}")
        for rank, name in RANKS.items()
    },
}
OVERSIGHT = {
    "careers.jpt_appointment": _n("who appoints JPT", "pejabat yang mengangkat JPT"),
    "careers.president_leverage": _n(
        "the President's leverage over JPT (Pemilu)", "pengaruh Presiden atas JPT (Pemilu)"
    ),
    "oversight.binding": _n(
        "the body's recommendations bind", "rekomendasi lembaga pengawas mengikat"
    ),
    "oversight.sanctions_ppk": _n(
        "the body sanctions a PPK who does not act",
        "lembaga pengawas menjatuhkan sanksi kepada PPK yang tidak bertindak",
    ),
    "oversight.ppk_penalty": _n(
        "cost to the PPK of the body's sanction", "beban sanksi lembaga pengawas bagi PPK"
    ),
}
PATRON = {
    "patron.pressure_budget": _n(
        "civil servants the PPK presses (per JPT post)", "ASN yang ditekan PPK (per jabatan JPT)"
    ),
    "patron.threat": _n("weight of the PPK's threats", "bobot ancaman PPK"),
    "patron.threat_cost": _n("PPK's risk in threatening", "risiko PPK bila mengancam"),
    "patron.inaction_noticed": _n(
        "chance an ignored recommendation is noticed",
        "peluang rekomendasi yang diabaikan ketahuan",
    ),
    "patron.inaction_penalty": _n(
        "PPK's cost of ignoring a recommendation",
        "beban PPK bila mengabaikan rekomendasi",
        "What shielding a supporter from a proven case costs the PPK when it is noticed "
        "(a Home Ministry warning, BKN blocking records); calibrated: 90.8% sanctioned.",
        "Kerugian PPK bila melindungi pendukung dari kasus terbukti lalu ketahuan (teguran "
        "Kemendagri, blokir data oleh BKN); terkalibrasi: 90,8% disanksi.",
    ),
    "patron.acting_accountability": _n(
        "Pj's accountability to the Home Ministry", "akuntabilitas Pj kepada Kemendagri"
    ),
    "patron.decision_noise": _n("randomness of the PPK's choices", "keacakan keputusan PPK"),
}
TEAMS = {
    "teams.reach": _n("campaign teams' reach", "jangkauan tim sukses"),
    "teams.promise": _n("worth of a team's promise of a post", "nilai janji jabatan tim sukses"),
    "teams.rival_reports": _n("reports by rival teams", "laporan oleh tim lawan"),
}
UNCERTAINTY = {
    "uncertainty.kind": _n("parameter uncertainty", "ketidakpastian parameter"),
    "uncertainty.draws": _n("posterior draws", "jumlah sampel posterior"),
    "uncertainty.sample": _n("posterior sample file", "berkas sampel posterior"),
}

SETTINGS = {
    **RUN,
    **REGION,
    **ELECTION,
    **BEHAVIOUR,
    **ENFORCEMENT,
    **PERCEPTION,
    **CAREERS,
    **PATRON,
    **TEAMS,
    **OVERSIGHT,
    **UNCERTAINTY,
}
"""Every setting's name, by its Hydra key."""
