"""Word pools for synthetic villagers of Ngawi / Bojonegoro (East Java).

Weights are rough: a handful of first names (Sri, Siti, Budi, Agus, Muhammad...) account for a
large share of a real village register, which is what makes name search hard (many hits for
"sri", none for "xq"). Older people often carry one Javanese name only (Slamet, Tukiyem).
"""

from __future__ import annotations

# (word, weight). First word of a man's name.
MALE_FIRST: tuple[tuple[str, int], ...] = (
    ("Muhammad", 40), ("Moh.", 10), ("Ahmad", 30), ("Budi", 18), ("Agus", 24), ("Eko", 20),
    ("Dwi", 14), ("Tri", 14), ("Joko", 14), ("Slamet", 18), ("Bambang", 10), ("Sugeng", 10),
    ("Heru", 8), ("Hadi", 8), ("Nur", 12), ("Rudi", 7), ("Wahyu", 10), ("Yusuf", 6),
    ("Ali", 5), ("Imam", 7), ("Suparman", 6), ("Sutrisno", 6), ("Sukirno", 5), ("Suyanto", 6),
    ("Sunarto", 5), ("Supriyadi", 5), ("Purwanto", 5), ("Darmaji", 3), ("Paiman", 3),
    ("Kasmijan", 2), ("Sarno", 3), ("Tukimin", 2), ("Wagiman", 2), ("Sumadi", 3),
    ("Dedi", 6), ("Asep", 5), ("Ujang", 4), ("Cecep", 3), ("Dadang", 3), ("Yayan", 2),
    ("Andi", 8), ("Rizky", 7), ("Fajar", 6), ("Arif", 8), ("Hendra", 5), ("Teguh", 6),
    ("Gunawan", 5), ("Widodo", 5), ("Mulyono", 5), ("Kusnadi", 3), ("Abdul", 12),
    ("Fathur", 2), ("Zainal", 3), ("Khoirul", 5), ("Syaiful", 5), ("Miftahul", 3),
    ("Edi", 7), ("Didik", 6), ("Totok", 3), ("Catur", 3), ("Hari", 5), ("Yudi", 4),
)  # fmt: skip

FEMALE_FIRST: tuple[tuple[str, int], ...] = (
    ("Sri", 45), ("Siti", 45), ("Dwi", 14), ("Tri", 12), ("Nur", 14), ("Rina", 8),
    ("Dewi", 12), ("Wahyuni", 6), ("Endang", 8), ("Sumini", 5), ("Suparmi", 5), ("Tukiyem", 3),
    ("Painem", 3), ("Warsini", 3), ("Sulastri", 5), ("Suwarni", 4), ("Sutini", 4),
    ("Yuli", 7), ("Eka", 6), ("Ani", 6), ("Lilis", 5), ("Neneng", 4), ("Euis", 3),
    ("Imas", 2), ("Cucu", 2), ("Rika", 5), ("Ratna", 6), ("Indah", 7), ("Fitri", 8),
    ("Nurul", 9), ("Umi", 7), ("Lina", 5), ("Yanti", 5), ("Puji", 5), ("Tutik", 5),
    ("Winarti", 3), ("Musrifah", 2), ("Khusnul", 3), ("Anik", 5), ("Erna", 4), ("Heni", 4),
    ("Retno", 5), ("Rini", 6), ("Ika", 6), ("Novi", 5), ("Ayu", 6), ("Lestari", 3),
    ("Kartini", 3), ("Aminah", 3), ("Fatimah", 4), ("Khotimah", 2), ("Mariyam", 2),
)  # fmt: skip

# Later words of a name (a second given name or a father's-name-like surname).
MALE_REST: tuple[tuple[str, int], ...] = (
    ("Santoso", 10), ("Prasetyo", 10), ("Hidayat", 9), ("Setiawan", 9), ("Wibowo", 8),
    ("Kurniawan", 8), ("Susilo", 6), ("Riyadi", 6), ("Saputra", 7), ("Purnomo", 6),
    ("Hartono", 6), ("Sugiarto", 5), ("Nugroho", 7), ("Wahyudi", 7), ("Suprapto", 5),
    ("Haryanto", 5), ("Rahmat", 5), ("Fauzi", 5), ("Hasan", 4), ("Arifin", 6), ("Ikhsan", 3),
    ("Ma'ruf", 2), ("Sholeh", 4), ("Anwar", 4), ("Mustofa", 4), ("Ridwan", 3), ("Rohman", 5),
    ("Syafi'i", 2), ("Hakim", 3), ("Nur", 6), ("Budi", 3), ("Agus", 3), ("Joko", 2),
    ("Cahyono", 5), ("Yulianto", 4), ("Firmansyah", 4), ("Hermawan", 4), ("Permana", 3),
    ("Sopyan", 2), ("Hidayatullah", 2), ("Mubarok", 2), ("Efendi", 4), ("Utomo", 5),
)  # fmt: skip

FEMALE_REST: tuple[tuple[str, int], ...] = (
    ("Wahyuni", 12), ("Rahayu", 10), ("Lestari", 10), ("Aminah", 6), ("Utami", 7),
    ("Handayani", 7), ("Purwanti", 6), ("Suryani", 6), ("Mulyani", 6), ("Yuliani", 5),
    ("Susanti", 7), ("Indah", 4), ("Kartika", 4), ("Aini", 6), ("Hidayah", 6), ("Fatimah", 5),
    ("Khasanah", 5), ("Rohmah", 5), ("Ningsih", 8), ("Wulandari", 6), ("Puspita", 4),
    ("Anggraini", 5), ("Setyowati", 5), ("Wijayanti", 4), ("Nurhayati", 5), ("Maryani", 4),
    ("Kusumawati", 3), ("Safitri", 5), ("Sholihah", 3), ("Maslahah", 2), ("Mu'arofah", 1),
    ("Astuti", 7), ("Sulistyowati", 3), ("Nur", 5), ("Dewi", 4), ("Sari", 6),
)  # fmt: skip

# One-word names, mostly of the older generation.
MALE_SINGLE: tuple[tuple[str, int], ...] = (
    ("Slamet", 10), ("Suparman", 6), ("Sukirno", 5), ("Paijo", 4), ("Sarno", 4),
    ("Kasmijan", 3), ("Tukimin", 4), ("Wagiman", 4), ("Parmin", 4), ("Karto", 3),
    ("Sumadi", 4), ("Darsono", 3), ("Katimin", 2), ("Jumadi", 3), ("Legimin", 2),
    ("Suwito", 3), ("Marno", 3), ("Sutrisno", 5), ("Mulyono", 4), ("Supardi", 4),
)  # fmt: skip

FEMALE_SINGLE: tuple[tuple[str, int], ...] = (
    ("Tukiyem", 5), ("Painem", 5), ("Sumini", 5), ("Suparmi", 5), ("Warsini", 4),
    ("Sainem", 3), ("Katinem", 3), ("Jumiati", 4), ("Sulastri", 5), ("Suwarni", 4),
    ("Sutini", 4), ("Wagini", 3), ("Marsini", 3), ("Pariyem", 3), ("Kasiyati", 3),
    ("Ngatini", 3), ("Wahyuni", 4), ("Juwariyah", 3), ("Musrifah", 2), ("Tumini", 3),
)  # fmt: skip

BIRTH_PLACES: tuple[tuple[str, int], ...] = (
    ("Ngawi", 50), ("Bojonegoro", 15), ("Madiun", 8), ("Magetan", 6), ("Ponorogo", 4),
    ("Sragen", 3), ("Surabaya", 3), ("Nganjuk", 3), ("Blora", 2), ("Jakarta", 1),
    ("Bandung", 1), ("Tasikmalaya", 1), ("Surakarta", 1),
)  # fmt: skip

DUSUN: tuple[str, ...] = (
    "Krajan", "Sidorejo", "Ngrejo", "Mojosari", "Karanganyar", "Tegalrejo", "Sumberejo",
    "Kedungwaru", "Ngadirejo", "Sukorejo", "Jatisari", "Pandansari",
)  # fmt: skip

POSYANDU: tuple[str, ...] = ("Melati", "Mawar", "Anggrek", "Kenanga", "Dahlia", "Flamboyan")
MASJID: tuple[str, ...] = ("Al-Ikhlas", "Baitur Rahman", "Al-Hidayah", "Nurul Huda", "At-Taqwa")

# Kecamatan region codes (PPKKCC) where villagers' NIKs were issued: Ngawi (3521) is home.
HOME_REGION = "352101"
NGAWI_REGIONS = tuple(f"3521{kec:02d}" for kec in range(1, 20))
BOJONEGORO_REGIONS = tuple(f"3522{kec:02d}" for kec in range(1, 29))

PHONE_PREFIXES: tuple[str, ...] = (
    "0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0858",
    "0877", "0878", "0881", "0882", "0895", "0896", "0897", "0898", "0838", "0831",
)  # fmt: skip
