"""The teaching page's own words, in English and Bahasa Indonesia.

``text(key, language, **values)`` looks a label up and fills in its
``{placeholders}``. Every key exists in every language (the tests check), so
switching the language on the page never leaves a label behind. Names of settings,
policies and outputs, shared with the figures and the command's help, are in
``sim.runs.names``.
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}
"""Language codes the page offers, with their names."""

DEFAULT_LANGUAGE = "en"

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Patronage in the civil service: who takes sides, who is caught",
        "guide": "Press ▶ Play (or Step, a week at a time): sides spread down the "
        "hierarchy, violators are reported, proven and sanctioned; after week 10, the vote "
        "and the reshuffle.",
        "scenario": "{region}: {n} civil servants, every setting calibrated to Pilkada 2020 "
        "(a small city, large enough that Bawaslu's patrols find someone in most campaigns).",
        "run": "Run",
        "play": "Play",
        "pause": "Pause",
        "step": "Step",
        "reset": "Reset",
        "speed": "Speed",
        "speed_slow": "slow",
        "speed_normal": "normal",
        "speed_fast": "fast",
        "speed_help": "Pause between weeks while playing.",
        "replication": "Run number",
        "replication_help": "Another draw of the same region: other people, other chances. "
        "Starts again at week 0.",
        "run_short": "run",
        "settings": "Settings",
        "settings_hint": "Moving a control starts the run again at week 0, with the same "
        "organisation and the same draw, so two settings can be compared.",
        "policy": "Policy",
        "regime": "Oversight regime",
        "state_neutral": "neutral",
        "state_ppk_side": "backing the PPK's side",
        "state_rival": "backing a rival",
        "state_sanctioned_before": "ring: sanctioned in an earlier cycle",
        "state_violated": "violated this campaign",
        "state_reported": "reported to Bawaslu",
        "state_proven": "proven (KASN/BKN), awaiting the sanction",
        "state_sanctioned": "sanctioned this campaign",
        "organisation": "The organisation",
        "organisation_note": "PPK (star) at the centre; rings by rank, JPT inside, staff "
        "outside; larger dots for higher ranks. Grey lines: hierarchy; faint blue lines: kin. "
        "A line turns the colour of a side when both ends back it.",
        "violations_title": "Violations week by week",
        "violation_rate": "violated this campaign",
        "week_axis": "campaign week (all cycles)",
        "share_axis": "share of civil servants",
        "election": "vote",
        "funnel_title": "Enforcement funnel by cycle",
        "funnel_axis": "civil servants",
        "cycle_label": "cycle {cycle}",
        "cycle_axis": "election cycle",
        "now": "now",
        "status": "This run",
        "week_of": "Cycle {cycle}, week {week} of {weeks}",
        "run_over": "The run is over ({cycles} cycles). Press Reset to start again.",
        "ppk_runs": "The PPK runs for re-election (candidate {candidate}).",
        "ppk_backs": "The PPK does not run; it backs candidate {candidate}.",
        "sides_now": "Now {ppk} back the PPK's side and {rivals} a rival.",
        "no_election": "No vote yet: the first comes after week {weeks}.",
        "election_result": "Vote of cycle {cycle}: candidate {winner} won; the PPK's side "
        "{outcome} with {share:.0%} of the vote.",
        "reshuffle": "Reshuffle after it: {promoted} promoted, {demoted} demoted; "
        "{loyal} of the {promoted} promotions went to backers of the (new) PPK.",
        "reshuffle_none": "Reshuffle after it: no one promoted, {demoted} demoted.",
        "backlog": "Backlog: {queued} to verify, {waiting} proven awaiting sanction, {left} let "
        "off by the PPK.",
        "backlog_body": "The body has sanctioned {body} itself, past the PPK's deadline.",
        "backlog_after": "After the vote the backlog was worked through: {verdicts} decided, "
        "{sanctions} sanctioned; {left} proven left unsanctioned, {expired} expired unheard.",
        "backlog_after_body": "The body sanctioned {body} of the cycle's cases itself, past "
        "the PPK's deadline.",
        "won": "won",
        "lost": "lost",
        "in_force": "Settings in force",
        "yes": "yes",
        "no": "no",
    },
    "id": {
        "title": "Patronase dalam birokrasi: siapa berpihak, siapa tertangkap",
        "guide": "Tekan ▶ Jalankan (atau Langkah, seminggu sekali): dukungan menyebar ke "
        "bawah hierarki, pelanggar dilaporkan, terbukti dan disanksi; setelah minggu ke-10, "
        "pemungutan suara dan mutasi jabatan.",
        "scenario": "{region}: {n} ASN, semua pengaturan terkalibrasi pada Pilkada 2020 "
        "(kota kecil, cukup besar sehingga patroli Bawaslu menemukan pelanggar di "
        "sebagian besar kampanye).",
        "run": "Simulasi",
        "play": "Jalankan",
        "pause": "Jeda",
        "step": "Langkah",
        "reset": "Ulang",
        "speed": "Kecepatan",
        "speed_slow": "lambat",
        "speed_normal": "sedang",
        "speed_fast": "cepat",
        "speed_help": "Jeda antarminggu saat berjalan.",
        "replication": "Nomor ulangan",
        "replication_help": "Undian lain dari daerah yang sama: orang lain, peluang lain. "
        "Mulai lagi dari minggu 0.",
        "run_short": "ulangan",
        "settings": "Pengaturan",
        "settings_hint": "Menggeser kontrol memulai ulang simulasi dari minggu 0, dengan "
        "organisasi dan undian yang sama, sehingga dua pengaturan dapat dibandingkan.",
        "policy": "Kebijakan",
        "regime": "Rezim pengawasan",
        "state_neutral": "netral",
        "state_ppk_side": "mendukung pihak PPK",
        "state_rival": "mendukung pesaing",
        "state_sanctioned_before": "cincin: disanksi pada siklus sebelumnya",
        "state_violated": "melanggar pada kampanye ini",
        "state_reported": "dilaporkan ke Bawaslu",
        "state_proven": "terbukti (KASN/BKN), menunggu sanksi",
        "state_sanctioned": "disanksi pada kampanye ini",
        "organisation": "Organisasi",
        "organisation_note": "PPK (bintang) di tengah; lingkaran menurut jabatan, JPT di "
        "dalam, staf di luar; titik lebih besar untuk jabatan lebih tinggi. Garis abu-abu: "
        "hierarki; garis biru pucat: kekerabatan. Garis berwarna sesuai pihak bila kedua "
        "ujungnya mendukung pihak itu.",
        "violations_title": "Pelanggaran minggu demi minggu",
        "violation_rate": "melanggar pada kampanye ini",
        "week_axis": "minggu kampanye (semua siklus)",
        "share_axis": "porsi ASN",
        "election": "pemungutan suara",
        "funnel_title": "Corong penegakan per siklus",
        "funnel_axis": "jumlah ASN",
        "cycle_label": "siklus {cycle}",
        "cycle_axis": "siklus pemilihan",
        "now": "kini",
        "status": "Simulasi ini",
        "week_of": "Siklus {cycle}, minggu {week} dari {weeks}",
        "run_over": "Simulasi selesai ({cycles} siklus). Tekan Ulang untuk mulai lagi.",
        "ppk_runs": "PPK mencalonkan diri kembali (calon {candidate}).",
        "ppk_backs": "PPK tidak mencalonkan diri; ia mendukung calon {candidate}.",
        "sides_now": "Kini {ppk} mendukung pihak PPK dan {rivals} mendukung pesaing.",
        "no_election": "Belum ada pemungutan suara: yang pertama setelah minggu {weeks}.",
        "election_result": "Pemungutan suara siklus {cycle}: calon {winner} menang; pihak "
        "PPK {outcome} dengan {share:.0%} suara.",
        "reshuffle": "Mutasi sesudahnya: {promoted} dipromosikan, {demoted} didemosi; "
        "{loyal} dari {promoted} promosi jatuh kepada pendukung PPK (yang baru).",
        "reshuffle_none": "Mutasi sesudahnya: tidak ada promosi, {demoted} didemosi.",
        "backlog": "Antrean: {queued} belum diputus, {waiting} terbukti belum disanksi, {left} "
        "dibiarkan PPK.",
        "backlog_body": "Lembaga telah menyanksi {body} sendiri, setelah tenggat PPK lewat.",
        "backlog_after": "Setelah pemungutan suara antrean diselesaikan: {verdicts} diputus, "
        "{sanctions} disanksi; {left} terbukti tanpa sanksi, {expired} kedaluwarsa tanpa "
        "diperiksa.",
        "backlog_after_body": "Lembaga sendiri menyanksi {body} kasus siklus itu, setelah "
        "tenggat PPK lewat.",
        "won": "menang",
        "lost": "kalah",
        "in_force": "Pengaturan yang berlaku",
        "yes": "ya",
        "no": "tidak",
    },
}


def count(n: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A whole number as the language writes it: 2,000 in English, 2.000 in Indonesian."""
    written = f"{n:,}"
    return written.replace(",", ".") if language == "id" else written


def text(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The label ``key`` in ``language``, with ``values`` filled into its placeholders."""
    words = TEXT[language][key]
    return words.format(**values) if values else words
