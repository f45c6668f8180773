"""Words on the teaching page, in English and Bahasa Indonesia.

``text(key, language, **values)`` looks a label up and fills in its
``{placeholders}``. Every key exists in every language (the tests check), so
switching the language on the page never leaves a label behind.
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}
"""Language codes the page offers, with their names."""

DEFAULT_LANGUAGE = "en"

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Patronage in the civil service: who takes sides, who is caught",
        "language": "Language",
        "settings": "Settings",
        "settings_hint": "Moving a control here starts the run again at week 0, same "
        "organisation, same draw. The run number (another draw of the same region) applies "
        "on Reset.",
        "policy": "Policy",
        "replication": "Run number",
        "run_short": "run",
        "career_dependence": "Career dependence",
        "sanction_strength": "Sanction strength",
        "enforcement_probability": "PPK follow-up of a proven case",
        "detection_probability": "Bawaslu patrol detection",
        "inaction_penalty": "Cost to the PPK of ignoring a recommendation",
        "merit_weight": "Merit weight in promotions",
        "central_enforcement": "Central enforcement (BKN sanctions, not the PPK)",
        "state_neutral": "neutral",
        "state_ppk_side": "backing the PPK's side",
        "state_rival": "backing a rival",
        "state_reported": "reported to Bawaslu",
        "state_sanctioned": "sanctioned",
        "organisation": "The organisation",
        "organisation_note": "PPK (star) at the centre; rings by rank, JPT inside, staff "
        "outside. Grey lines: hierarchy; blue lines: kin. A line turns the colour of a side "
        "when both ends back it.",
        "rank_jpt": "JPT",
        "rank_administrator": "administrator",
        "rank_pengawas": "pengawas",
        "rank_functional": "functional",
        "rank_pelaksana": "pelaksana",
        "violations_title": "Violations over the weeks",
        "violation_rate": "violated this cycle",
        "week_axis": "campaign week (all cycles)",
        "share_axis": "share of civil servants",
        "election": "election",
        "funnel_title": "Enforcement funnel by cycle",
        "funnel_violated": "violated",
        "funnel_reported": "reported",
        "funnel_proven": "proven",
        "funnel_sanctioned": "sanctioned",
        "civil_servants_axis": "civil servants",
        "cycle_label": "cycle {cycle}",
        "cycle_so_far": "cycle {cycle} (so far)",
        "status": "This run",
        "week_of": "Cycle {cycle}, week {week} of {weeks}",
        "run_over": "The run is over ({cycles} cycles). Press Reset to start again.",
        "ppk_runs": "The PPK runs for re-election (candidate {candidate}).",
        "ppk_backs": "The PPK does not run; it backs candidate {candidate}.",
        "no_election": "No election yet: the first vote comes after week {weeks}.",
        "election_result": "Election of cycle {cycle}: candidate {winner} won; the PPK's "
        "side {outcome} with {share:.0%} of the vote.",
        "won": "won",
        "lost": "lost",
        "in_force": "Settings in force",
        "civil_servants_count": "{n} civil servants",
        "yes": "yes",
        "no": "no",
    },
    "id": {
        "title": "Patronase dalam birokrasi: siapa berpihak, siapa tertangkap",
        "language": "Bahasa",
        "settings": "Pengaturan",
        "settings_hint": "Menggeser kontrol di sini memulai ulang simulasi dari minggu 0, "
        "organisasi dan undian yang sama. Nomor ulangan (undian lain dari daerah yang sama) "
        "berlaku saat Reset.",
        "policy": "Kebijakan",
        "replication": "Nomor ulangan",
        "run_short": "ulangan",
        "career_dependence": "Ketergantungan karier",
        "sanction_strength": "Beratnya sanksi",
        "enforcement_probability": "Tindak lanjut PPK atas kasus terbukti",
        "detection_probability": "Deteksi oleh patroli Bawaslu",
        "inaction_penalty": "Biaya bagi PPK bila mengabaikan rekomendasi",
        "merit_weight": "Bobot merit dalam promosi",
        "central_enforcement": "Penegakan terpusat (BKN menjatuhkan sanksi, bukan PPK)",
        "state_neutral": "netral",
        "state_ppk_side": "mendukung pihak PPK",
        "state_rival": "mendukung pesaing",
        "state_reported": "dilaporkan ke Bawaslu",
        "state_sanctioned": "dijatuhi sanksi",
        "organisation": "Organisasi",
        "organisation_note": "PPK (bintang) di tengah; lingkaran menurut jabatan, JPT di "
        "dalam, staf di luar. Garis abu-abu: hierarki; garis biru: kekerabatan. Garis "
        "berwarna sesuai pihak bila kedua ujungnya mendukung pihak itu.",
        "rank_jpt": "JPT",
        "rank_administrator": "administrator",
        "rank_pengawas": "pengawas",
        "rank_functional": "fungsional",
        "rank_pelaksana": "pelaksana",
        "violations_title": "Pelanggaran dari minggu ke minggu",
        "violation_rate": "melanggar pada siklus ini",
        "week_axis": "minggu kampanye (semua siklus)",
        "share_axis": "porsi ASN",
        "election": "pemilihan",
        "funnel_title": "Corong penegakan per siklus",
        "funnel_violated": "melanggar",
        "funnel_reported": "dilaporkan",
        "funnel_proven": "terbukti",
        "funnel_sanctioned": "disanksi",
        "civil_servants_axis": "jumlah ASN",
        "cycle_label": "siklus {cycle}",
        "cycle_so_far": "siklus {cycle} (sejauh ini)",
        "status": "Simulasi ini",
        "week_of": "Siklus {cycle}, minggu {week} dari {weeks}",
        "run_over": "Simulasi selesai ({cycles} siklus). Tekan Reset untuk mulai lagi.",
        "ppk_runs": "PPK mencalonkan diri kembali (calon {candidate}).",
        "ppk_backs": "PPK tidak mencalonkan diri; ia mendukung calon {candidate}.",
        "no_election": "Belum ada pemilihan: pemungutan suara pertama setelah minggu {weeks}.",
        "election_result": "Pemilihan siklus {cycle}: calon {winner} menang; pihak PPK "
        "{outcome} dengan {share:.0%} suara.",
        "won": "menang",
        "lost": "kalah",
        "in_force": "Pengaturan yang berlaku",
        "civil_servants_count": "{n} ASN",
        "yes": "ya",
        "no": "tidak",
    },
}


def text(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The label ``key`` in ``language``, with ``values`` filled into its placeholders."""
    words = TEXT[language][key]
    return words.format(**values) if values else words
