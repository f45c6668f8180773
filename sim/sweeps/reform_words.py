"""The words of the oversight-regime report and its figure, in English and Bahasa Indonesia.

``report.md`` is written from ``WORDS["en"]``, ``laporan.md`` from ``WORDS["id"]``; the
numbers come from ``sim.sweeps.reform``. Each entry is a format string.
"""

from __future__ import annotations

REPORTS = {"en": "report.md", "id": "laporan.md"}
FIGURES = {"en": "reform_2027.png", "id": "reform_2027_id.png"}

APPOINTED_BY = {
    "en": {"region": "the regional head (PPK)", "president": "the President"},
    "id": {"region": "kepala daerah (PPK)", "president": "Presiden"},
}

WORDS = {
    "en": {
        "title": "# Which design of neutrality oversight works? (reform 2027)",
        "other_language": "Bahasa Indonesia: [laporan.md](laporan.md).",
        "and": "and",
        "status": "Sweep folder `{folder}`: {status}.",
        "what": (
            "Each design of oversight (`configs/regime/`) was run on the default regency "
            "({civil_servants} civil servants) in a Pilkada and in a Pemilu, with senior "
            "officials (JPT) appointed by the regional head or by the President, for {cycles} "
            "elections in a row, {replications} times{draws}. Designs are compared on the same "
            "seeds (paired). The violation rate is the share of civil servants who violated "
            "neutrality at least once in a campaign."
        ),
        "draws": (
            ", each time on one of {draws} draws of the calibration's posterior (so the "
            "intervals include what the 2020 record leaves uncertain about behaviour)"
        ),
        "short": "## In short",
        "short_unsanctioned": (
            "In a {election}, a proven case is most surely sanctioned under {best} (never "
            "sanctioned: {value}; in brackets, the chance of being the best design); under "
            "KASN (2020) {base} of proven cases were never sanctioned."
        ),
        "short_violations_none": (
            "In a {election}, no design changes the violation rate detectably from KASN "
            "(2020)'s {base} (all paired 95% intervals include zero; the largest change: "
            "{regime}, {change} points)."
        ),
        "short_violations": (
            "In a {election}, {regime} changes the violation rate most: {change} percentage "
            "points (95% interval {low} to {high}) from KASN (2020)'s {base}; chance of being "
            "the design with fewest violations: {chance}."
        ),
        "short_jpt": (
            "Moving JPT appointments to the President (under KASN's rules) changes the "
            "violation rate by {change} points in a {election} (95% interval {low} to {high})."
        ),
        "short_perception": (
            "Against KASN (2020) a design lowers violations detectably, changes them by less "
            "than its paired 95% interval, or raises them; that verdict is the same under all "
            "three rules of perception for {same} of {total} designs in the four settings of "
            "election and JPT appointment (the table under 'Does the ranking depend on how "
            "sanctions are perceived?')."
        ),
        "verdict_note": (
            "Change of the violation rate against KASN (2020), percentage points ± the paired "
            "95% interval, under each rule of perception; in bold where the interval excludes "
            "zero."
        ),
        "verdict_head": "| election | JPT appointed by | design |",
        "ranked": "## Designs ranked, JPT appointed by {appointed}, in a {election}",
        "ranked_note": (
            "Civil servants learn how likely and how heavy a sanction is from the cases they "
            "see (`perception=learned`, the default). Fewest violations first; ± is the 95% "
            "interval; 'chance best': share of posterior draws in which the design has the "
            "lowest value. Counts (proven, reports) are per election in the regency; JPT "
            "competence: the mean competence of those holding JPT posts, in standard deviations "
            "of the whole civil service (docs/ODD.md, section 2)."
        ),
        "head": (
            "| rank | design | violation rate | change vs KASN (pp) | chance best (violations) "
            "| proven never sanctioned | chance best (sanctioned) | weeks to sanction "
            "| JPT violating | JPT posts held by backers | JPT competence | proven "
            "| reports verified (caseload) | reports expired unverified |"
        ),
        "perception_head": "## Does the ranking depend on how sanctions are perceived?",
        "perception_note": (
            "The designs in order of violation rate (fewest first; '=' marks rates equal to "
            "0.01 point), under each rule of perception (docs/ODD.md, section 7.11)."
        ),
        "perception_table": "| election | JPT appointed by | perception | order |",
        "country": "## The country: one national election under each design",
        "country_note": (
            "`region=national`: {regions} regions, {civil_servants} civil servants, each "
            "region with its own kind of PPK (incumbent, successor or acting head, 2024 shares); "
            "the first election under each design, one replication on the calibrated point "
            "fit, `perception=learned`. Counts are the country's totals."
        ),
        "country_head": (
            "| election | JPT appointed by | design | violating | reported | verified | expired "
            "unverified | proven | sanctioned | never sanctioned | weeks to sanction |"
        ),
        "drivers": "## What drives the differences",
        "driver_binding": (
            "A binding body sanctions, after the deadline, what the PPK left: in a {election} "
            "(JPT by the regional head) proven cases never sanctioned fall from {base} under "
            "KASN to {binding}, and a sanction comes after {weeks_binding} weeks instead of "
            "{weeks_base}."
        ),
        "driver_transition": (
            "Without KASN (the 2024 transition) the verifier's lower capacity does not bind at "
            "the record's load ({verified} reports verified an election in the regency, KASN "
            "{verified_base}; {expired} expire unverified); what changes is that an ignored "
            "recommendation is noticed less often: {unsanctioned} of proven cases are never "
            "sanctioned (KASN: {base}) and a sanction takes {weeks} weeks (KASN: {weeks_base})."
        ),
        "driver_transition_capacity": (
            "Without KASN (the 2024 transition) the verifier's lower capacity leaves "
            "{expired} reports an election unverified in the regency (KASN: {expired_base}), "
            "and an ignored recommendation is noticed less often: {unsanctioned} of proven "
            "cases are never sanctioned (KASN: {base}) and a sanction takes {weeks} weeks "
            "(KASN: {weeks_base})."
        ),
        "driver_violations": (
            "Violations move little between designs (at most {spread} points in any setting "
            "under learned perception): at the 2020 record's funnel few violators are ever "
            "reported, so closing the end of the funnel barely changes the sanction a civil "
            "servant expects (docs/ODD.md, section 10.4)."
        ),
        "driver_fixed": (
            "Under the fixed rule of perception (a prior risk far above the record's) the "
            "designs move violations by up to {spread_fixed} points: there the ranking on "
            "violations is the perception rule's, not the record's."
        ),
        "driver_jpt": (
            "Who appoints JPT moves the JPT violation rate most: in a Pilkada under KASN, "
            "{pilkada_region} of JPT violate when the regional head appoints them and "
            "{pilkada_president} when the President does; in a Pemilu {pemilu_region} and "
            "{pemilu_president}, because the President's side then holds their careers."
        ),
        "cannot": "## What the model cannot say",
        "cannot_list": [
            "The capacities of the verifiers, the 2024 transition's lower chance of noticing "
            "an ignored recommendation, the deadline, the body's penalty on a PPK and the "
            "President's leverage over JPT in a Pemilu are assumptions, each stated in its "
            "regime file (`configs/regime/`) and in docs/ODD.md, sections 7.13-7.14. The Pemilu "
            "answer on JPT rests on `careers.president_leverage`, for which no source exists: "
            "at 0.5 (the PPK's own Pemilu leverage) the effect vanishes "
            "(experiments/reform_2027).",
            "Behaviour is calibrated to Pilkada 2020; a Pemilu differs only in who the PPK's "
            "side is and how strong its lever is (docs/ODD.md, section 7.5). No Pemilu figure "
            "was fitted.",
            "The national run is one replication of one election on the point fit; its "
            "differences between designs carry no interval and are read from the regency's.",
            "The model counts violations and sanctions; it says nothing of the cost of "
            "building the body beyond the caseload it verifies, nor of how politics would "
            "change once the body exists.",
        ],
        "figures": "## Figures",
        "missing": "Arms not yet finished are left out; rerun the sweep's command to finish them.",
        "fig_title": "Oversight designs against today's (KASN 2020, JPT by the regional head)",
        "fig_change": (
            "change in civil servants violating\n(percentage points, paired 95% interval)"
        ),
        "fig_unsanctioned": "proven cases never sanctioned (%)",
        "fig_appointed": "JPT appointed by {appointed}",
        "fig_caption": (
            "{replications} replications of {cycles} elections on the default regency, "
            "perception learned{draws}. Dots: means; whiskers: 95% intervals."
        ),
        "fig_draws": ", over {draws} posterior draws",
    },
    "id": {
        "title": "# Desain pengawasan netralitas mana yang berhasil? (reformasi 2027)",
        "other_language": "English: [report.md](report.md).",
        "and": "dan",
        "status": "Folder sweep `{folder}`: {status}.",
        "what": (
            "Setiap desain pengawasan (`configs/regime/`) dijalankan pada kabupaten bawaan "
            "({civil_servants} ASN) dalam Pilkada dan dalam Pemilu, dengan pejabat pimpinan "
            "tinggi (JPT) diangkat oleh kepala daerah atau oleh Presiden, selama {cycles} "
            "pemilihan berturut-turut, sebanyak {replications} kali{draws}. Desain dibandingkan "
            "pada seed yang sama (berpasangan). Tingkat pelanggaran adalah bagian ASN yang "
            "setidaknya sekali melanggar netralitas dalam satu kampanye."
        ),
        "draws": (
            ", setiap kali pada salah satu dari {draws} sampel posterior kalibrasi (sehingga "
            "interval memuat ketidakpastian perilaku yang tersisa dari data 2020)"
        ),
        "short": "## Ringkasnya",
        "short_unsanctioned": (
            "Dalam {election}, kasus yang terbukti paling pasti disanksi di bawah {best} (tidak "
            "pernah disanksi: {value}; dalam kurung, peluang menjadi desain terbaik); di bawah "
            "KASN (2020) {base} kasus terbukti tidak pernah disanksi."
        ),
        "short_violations_none": (
            "Dalam {election}, tidak ada desain yang mengubah tingkat pelanggaran secara "
            "terdeteksi dari {base} di bawah KASN (2020) (semua interval 95% berpasangan memuat "
            "nol; perubahan terbesar: {regime}, {change} poin)."
        ),
        "short_violations": (
            "Dalam {election}, {regime} paling banyak mengubah tingkat pelanggaran: {change} "
            "poin persentase (interval 95% {low} sampai {high}) dari {base} di bawah KASN "
            "(2020); peluang menjadi desain dengan pelanggaran paling sedikit: {chance}."
        ),
        "short_jpt": (
            "Memindahkan pengangkatan JPT ke Presiden (dengan aturan KASN) mengubah tingkat "
            "pelanggaran sebesar {change} poin dalam {election} (interval 95% {low} sampai "
            "{high})."
        ),
        "short_perception": (
            "Dibandingkan dengan KASN (2020), sebuah desain menurunkan pelanggaran secara "
            "terdeteksi, mengubahnya kurang dari interval 95% berpasangannya, atau menaikkannya; "
            "putusan itu sama di bawah ketiga aturan persepsi untuk {same} dari {total} desain "
            "pada empat kombinasi jenis pemilihan dan pengangkatan JPT (tabel di bawah "
            "'Apakah peringkat bergantung pada cara sanksi dipersepsikan?')."
        ),
        "verdict_note": (
            "Selisih tingkat pelanggaran terhadap KASN (2020), poin persentase ± interval 95% "
            "berpasangan, di bawah setiap aturan persepsi; tebal bila interval tidak memuat nol."
        ),
        "verdict_head": "| pemilihan | JPT diangkat oleh | desain |",
        "ranked": "## Peringkat desain, JPT diangkat oleh {appointed}, dalam {election}",
        "ranked_note": (
            "ASN mempelajari seberapa mungkin dan seberapa berat sanksi dari kasus yang "
            "mereka ketahui (`perception=learned`, bawaan). Pelanggaran paling sedikit di "
            "atas; ± adalah interval 95%; 'peluang terbaik': bagian sampel posterior di mana "
            "desain itu memiliki nilai terendah. Jumlah (terbukti, laporan) per pemilihan di "
            "kabupaten; kompetensi JPT: rata-rata kompetensi pemegang jabatan JPT, dalam "
            "simpangan baku seluruh ASN (docs/ODD.md, bagian 2)."
        ),
        "head": (
            "| peringkat | desain | tingkat pelanggaran | selisih vs KASN (poin) | peluang "
            "terbaik (pelanggaran) | kasus terbukti tak pernah disanksi | peluang terbaik "
            "(sanksi) | minggu sampai sanksi | JPT melanggar | jabatan JPT dipegang pendukung "
            "| kompetensi JPT | terbukti | laporan diperiksa (beban kerja) "
            "| laporan kedaluwarsa tak diperiksa |"
        ),
        "perception_head": "## Apakah peringkat bergantung pada cara sanksi dipersepsikan?",
        "perception_note": (
            "Desain diurutkan menurut tingkat pelanggaran (paling sedikit lebih dulu; '=' "
            "menandai tingkat yang sama sampai 0,01 poin), untuk setiap aturan persepsi "
            "(docs/ODD.md, bagian 7.11)."
        ),
        "perception_table": "| pemilihan | JPT diangkat oleh | persepsi | urutan |",
        "country": "## Tingkat nasional: satu pemilihan nasional untuk setiap desain",
        "country_note": (
            "`region=national`: {regions} daerah, {civil_servants} ASN, setiap daerah dengan "
            "jenis PPK-nya sendiri (petahana, penerus, atau penjabat, proporsi 2024); pemilihan "
            "pertama di bawah setiap desain, satu ulangan pada titik kalibrasi, "
            "`perception=learned`. Angka adalah total nasional."
        ),
        "country_head": (
            "| pemilihan | JPT diangkat oleh | desain | melanggar | dilaporkan | diperiksa | "
            "kedaluwarsa | terbukti | disanksi | tak pernah disanksi | minggu sampai sanksi |"
        ),
        "drivers": "## Apa yang membuat desain berbeda",
        "driver_binding": (
            "Lembaga yang rekomendasinya mengikat menjatuhkan sanksi, lewat tenggat, atas kasus "
            "yang dibiarkan PPK: dalam {election} (JPT diangkat kepala daerah) kasus terbukti "
            "yang tak pernah disanksi turun dari {base} di bawah KASN menjadi {binding}, dan "
            "sanksi jatuh setelah {weeks_binding} minggu, bukan {weeks_base}."
        ),
        "driver_transition": (
            "Tanpa KASN (masa transisi 2024) kapasitas pemeriksa yang lebih kecil tidak menjadi "
            "batas pada beban seperti data ({verified} laporan diperiksa per pemilihan di "
            "kabupaten, KASN {verified_base}; {expired} kedaluwarsa tanpa diperiksa); yang "
            "berubah adalah rekomendasi yang diabaikan lebih jarang ketahuan: {unsanctioned} "
            "kasus terbukti tak pernah disanksi (KASN: {base}) dan sanksi baru jatuh setelah "
            "{weeks} minggu (KASN: {weeks_base})."
        ),
        "driver_transition_capacity": (
            "Tanpa KASN (masa transisi 2024) kapasitas pemeriksa yang lebih kecil membuat "
            "{expired} laporan per pemilihan di kabupaten kedaluwarsa tanpa diperiksa (KASN: "
            "{expired_base}), dan rekomendasi yang diabaikan lebih jarang ketahuan: "
            "{unsanctioned} kasus terbukti tak pernah disanksi (KASN: {base}) dan sanksi baru "
            "jatuh setelah {weeks} minggu (KASN: {weeks_base})."
        ),
        "driver_violations": (
            "Tingkat pelanggaran hanya sedikit bergeser antardesain (paling banyak {spread} "
            "poin pada kombinasi mana pun dengan persepsi yang dipelajari): dengan corong "
            "penegakan seperti data 2020, sedikit sekali pelanggar yang dilaporkan, sehingga "
            "menutup ujung corong hampir tidak mengubah sanksi yang diperkirakan ASN "
            "(docs/ODD.md, bagian 10.4)."
        ),
        "driver_fixed": (
            "Dengan aturan persepsi tetap (risiko awal jauh di atas data) desain menggeser "
            "pelanggaran sampai {spread_fixed} poin: di sana peringkat pelanggaran ditentukan "
            "oleh aturan persepsi, bukan oleh data."
        ),
        "driver_jpt": (
            "Siapa yang mengangkat JPT paling menggeser tingkat pelanggaran JPT: dalam Pilkada "
            "di bawah KASN, {pilkada_region} JPT melanggar bila diangkat kepala daerah dan "
            "{pilkada_president} bila diangkat Presiden; dalam Pemilu {pemilu_region} dan "
            "{pemilu_president}, karena pihak Presiden lalu memegang karier mereka."
        ),
        "cannot": "## Apa yang tidak dapat dikatakan model ini",
        "cannot_list": [
            "Kapasitas pemeriksa, kecilnya peluang rekomendasi yang diabaikan ketahuan pada "
            "masa transisi 2024, tenggat, sanksi lembaga terhadap PPK, dan pengaruh Presiden "
            "atas JPT dalam Pemilu adalah asumsi, masing-masing dinyatakan dalam berkas "
            "rezimnya (`configs/regime/`) dan docs/ODD.md bagian 7.13-7.14. Jawaban Pemilu "
            "tentang JPT bergantung pada `careers.president_leverage`, yang tidak bersumber: "
            "pada 0,5 (pengaruh PPK sendiri dalam Pemilu) efeknya hilang "
            "(experiments/reform_2027).",
            "Perilaku dikalibrasi pada Pilkada 2020; Pemilu hanya berbeda dalam siapa pihak PPK "
            "dan seberapa kuat pengaruhnya (docs/ODD.md bagian 7.5). Tidak ada angka Pemilu "
            "yang dipakai untuk kalibrasi.",
            "Simulasi nasional adalah satu ulangan dari satu pemilihan pada titik kalibrasi; "
            "selisih antardesainnya tanpa interval dan dibaca dari hasil kabupaten.",
            "Model menghitung pelanggaran dan sanksi; model tidak mengatakan apa pun tentang "
            "biaya membangun lembaga selain beban kasus yang diperiksanya, atau tentang "
            "perubahan politik setelah lembaga itu ada.",
        ],
        "figures": "## Gambar",
        "missing": (
            "Kelompok yang belum selesai tidak disertakan; jalankan lagi perintah sweep untuk "
            "menyelesaikannya."
        ),
        "fig_title": "Desain pengawasan dibandingkan dengan kondisi kini (KASN 2020, JPT oleh "
        "kepala daerah)",
        "fig_change": "selisih ASN yang melanggar\n(poin persentase, interval 95% berpasangan)",
        "fig_unsanctioned": "kasus terbukti tak pernah disanksi (%)",
        "fig_appointed": "JPT diangkat oleh {appointed}",
        "fig_caption": (
            "{replications} ulangan dari {cycles} pemilihan pada kabupaten bawaan, persepsi "
            "dipelajari{draws}. Titik: rata-rata; garis: interval 95%."
        ),
        "fig_draws": ", atas {draws} sampel posterior",
    },
}
