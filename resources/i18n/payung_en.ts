<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>EndMembershipDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="36"/>
        <source>Akhiri keanggotaan</source>
        <translation>End membership</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="40"/>
        <source>Keanggotaan %1 diakhiri. Datanya tetap ada di register dengan status Berhenti.</source>
        <translation>The membership of %1 ends. The record stays in the register with the status Ended.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="45"/>
        <source>Tanggal berhenti</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="47"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="66"/>
        <source>Pilih alasan berhenti</source>
        <translation>Choose why the membership ends</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/errors.py" line="27"/>
        <source>Masalah pada berkas data: %1</source>
        <translation>Problem with the data file: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="31"/>
        <source>Terjadi kesalahan yang tidak terduga (%1). Data yang sudah tersimpan aman. Coba lagi; bila terulang, catat waktunya dan hubungi petugas DPMD.</source>
        <translation>An unexpected error occurred (%1). Data already saved is safe. Try again; if it happens again, note the time and contact the DPMD officer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="57"/>
        <source>Periksa isian</source>
        <translation>Check the form</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="59"/>
        <source>Berkas data bermasalah</source>
        <translation>Data file problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="60"/>
        <source>Kesalahan</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../../app/ui/labels.py" line="74"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="75"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="76"/>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="77"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="78"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="79"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="80"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="81"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="82"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="83"/>
        <source>Dusun</source>
        <translation>Hamlet (dusun)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="84"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="85"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="86"/>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="87"/>
        <source>No. KK</source>
        <translation>Family card no. (KK)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="88"/>
        <source>No. KPJ</source>
        <translation>KPJ no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="89"/>
        <source>Status kawin</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="90"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="91"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="92"/>
        <source>Pekerja</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="93"/>
        <source>Ahli waris</source>
        <translation>Heirs</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="94"/>
        <source>Nama ahli waris</source>
        <translation>Heir&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="95"/>
        <source>Hubungan</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="96"/>
        <source>NIK ahli waris</source>
        <translation>Heir&apos;s NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="97"/>
        <source>Tanggal lahir ahli waris</source>
        <translation>Heir&apos;s date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="98"/>
        <source>No. HP ahli waris</source>
        <translation>Heir&apos;s mobile no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="99"/>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="100"/>
        <source>Kode desa</source>
        <translation>Village code</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="101"/>
        <source>Nama desa</source>
        <translation>Village name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="102"/>
        <source>Kecamatan</source>
        <translation>District (kecamatan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="103"/>
        <source>Kabupaten</source>
        <translation>Regency (kabupaten)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="104"/>
        <source>Provinsi</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="105"/>
        <source>Kepala desa</source>
        <translation>Village head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="106"/>
        <source>Sekretaris desa</source>
        <translation>Village secretary</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="107"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="108"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <location filename="../../app/ui/forms.py" line="39"/>
        <source>hh-bb-tttt, mis. 17-08-1985</source>
        <translation>dd-mm-yyyy, e.g. 17-08-1985</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms.py" line="162"/>
        <source>Belum bisa disimpan; periksa: %1</source>
        <translation>Cannot be saved yet; check: %1</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/base.py" line="46"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/base.py" line="48"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/base.py" line="89"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>HeirFormDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="67"/>
        <source>Ubah ahli waris</source>
        <translation>Edit heir</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="67"/>
        <source>Tambah ahli waris</source>
        <translation>Add heir</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="71"/>
        <source>seperti tertulis di KK</source>
        <translation>as written on the family card</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="71"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="73"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="74"/>
        <source>16 angka, bila ada</source>
        <translation>16 digits, if any</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="74"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="75"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="76"/>
        <source>mis. 0812 3456 7890</source>
        <translation>e.g. 0812 3456 7890</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heir_form.py" line="76"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
</context>
<context>
    <name>HeirsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="56"/>
        <source>Ahli waris - %1</source>
        <translation>Heirs - %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="71"/>
        <source>&amp;Tambah</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="72"/>
        <source>&amp;Ubah</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="73"/>
        <source>&amp;Hapus</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="74"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="87"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="87"/>
        <source>Hubungan</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="87"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="87"/>
        <source>Tgl. lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="88"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="117"/>
        <source>Belum ada ahli waris. Tekan Tambah.</source>
        <translation>No heirs yet. Press Add.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="155"/>
        <source>Hapus ahli waris</source>
        <translation>Remove heir</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="156"/>
        <source>Hapus %1 dari daftar ahli waris?</source>
        <translation>Remove %1 from the heirs?</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="158"/>
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="159"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <location filename="../../app/ui/labels.py" line="34"/>
        <source>Kepala Desa</source>
        <translation>Village Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="35"/>
        <source>Sekretaris Desa</source>
        <translation>Village Secretary</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="36"/>
        <source>Perangkat Desa</source>
        <translation>Village Official</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="37"/>
        <source>Anggota BPD</source>
        <translation>BPD Member</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="38"/>
        <source>Ketua RT</source>
        <translation>RT Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="39"/>
        <source>Ketua RW</source>
        <translation>RW Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="40"/>
        <source>Kader Posyandu</source>
        <translation>Posyandu Volunteer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="41"/>
        <source>Linmas</source>
        <translation>Linmas Guard</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="42"/>
        <source>Guru Ngaji</source>
        <translation>Quran Teacher</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="43"/>
        <source>Marbot</source>
        <translation>Mosque Caretaker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="44"/>
        <source>Petani</source>
        <translation>Farmer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="45"/>
        <source>Buruh Tani</source>
        <translation>Farm Labourer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="46"/>
        <source>Nelayan</source>
        <translation>Fisher</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="47"/>
        <source>Pekerja Konstruksi</source>
        <translation>Construction Worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="48"/>
        <source>Pelaku UMKM</source>
        <translation>Small Business Owner</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="49"/>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="50"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="51"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="52"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="53"/>
        <source>Berhenti</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="54"/>
        <source>Meninggal dunia</source>
        <translation>Died</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="55"/>
        <source>Masa jabatan berakhir</source>
        <translation>Term of office ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="56"/>
        <source>Pindah</source>
        <translation>Moved away</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="57"/>
        <source>Mengundurkan diri</source>
        <translation>Resigned</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="58"/>
        <source>Suami/Istri</source>
        <translation>Husband/Wife</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="59"/>
        <source>Anak</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="60"/>
        <source>Orang tua</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="61"/>
        <source>Cucu</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="62"/>
        <source>Kakek/Nenek</source>
        <translation>Grandparent</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="63"/>
        <source>Saudara kandung</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="64"/>
        <source>Mertua</source>
        <translation>Parent-in-law</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="65"/>
        <source>Lainnya (wasiat)</source>
        <translation>Other (by will)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="66"/>
        <source>Belum kawin</source>
        <translation>Single</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="67"/>
        <source>Kawin</source>
        <translation>Married</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="68"/>
        <source>Cerai hidup</source>
        <translation>Divorced</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="69"/>
        <source>Cerai mati</source>
        <translation>Widowed</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="126"/>
        <source>L</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="127"/>
        <source>P</source>
        <translation>F</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../app/ui/main.py" line="107"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/window.py" line="43"/>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="80"/>
        <source>Desa %1 (%2)</source>
        <translation>Village %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="103"/>
        <source>%1 pekerja, %2 aktif</source>
        <translation>%1 workers, %2 active</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="107"/>
        <source>Operator: %1</source>
        <translation>Operator: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="119"/>
        <source>Cadangan harian gagal: %1</source>
        <translation>Daily backup failed: %1</translation>
    </message>
</context>
<context>
    <name>RegisterActions</name>
    <message>
        <location filename="../../app/ui/pages/register_actions.py" line="48"/>
        <source>Tambah pekerja</source>
        <translation>Add worker</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../app/ui/pages/register.py" line="80"/>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="86"/>
        <source>Cari nama, NIK atau KPJ…  (Ctrl+F)</source>
        <translation>Search name, NIK or KPJ…  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="89"/>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="93"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="97"/>
        <source>&amp;Tambah</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="98"/>
        <source>&amp;Ubah</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="99"/>
        <source>&amp;Akhiri keanggotaan</source>
        <translation>E&amp;nd membership</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="100"/>
        <source>Ahli &amp;waris</source>
        <translation>&amp;Heirs</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="161"/>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="226"/>
        <source>Tidak ada yang cocok dengan pencarian</source>
        <translation>Nothing matches the search</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="227"/>
        <source>Belum ada pekerja. Tekan Tambah (Ctrl+N).</source>
        <translation>No workers yet. Press Add (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="229"/>
        <source>%1 pekerja cocok</source>
        <translation>%1 workers match</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="231"/>
        <source>%1 pekerja</source>
        <translation>%1 workers</translation>
    </message>
</context>
<context>
    <name>VillageSetupDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="38"/>
        <source>Payung Desa - Siapkan desa</source>
        <translation>Payung Desa - Set up the village</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="39"/>
        <source>Siapkan kantor desa</source>
        <translation>Set up the village office</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="43"/>
        <source>Selamat datang. Isi data kantor desa sekali saja; semua data tersimpan di komputer ini dan tetap bisa dipakai tanpa internet.</source>
        <translation>Welcome. Fill in the village office&apos;s details once; all data is kept on this computer and works without internet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="50"/>
        <source>PP.KK.CC.DDDD, mis. 35.21.01.2001</source>
        <translation>PP.KK.CC.DDDD, e.g. 35.21.01.2001</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="51"/>
        <source>mis. Sukamaju</source>
        <translation>e.g. Sukamaju</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="55"/>
        <source>boleh diisi nanti</source>
        <translation>may be filled in later</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="56"/>
        <source>dipakai sebagai nama operator</source>
        <translation>used as the operator&apos;s name</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="48"/>
        <source>Ubah data pekerja</source>
        <translation>Edit worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="48"/>
        <source>Tambah pekerja</source>
        <translation>Add worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="62"/>
        <source>16 angka dari KTP</source>
        <translation>16 digits from the ID card (KTP)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="63"/>
        <source>seperti tertulis di KTP</source>
        <translation>as written on the ID card</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="66"/>
        <location filename="../../app/ui/dialogs/worker.py" line="72"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="68"/>
        <source>16 angka dari Kartu Keluarga</source>
        <translation>16 digits from the family card</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="70"/>
        <source>— tidak diisi —</source>
        <translation>— not given —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="73"/>
        <source>mis. Kasi Pemerintahan</source>
        <translation>e.g. Head of Government Affairs</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="74"/>
        <source>11 angka kartu BPJS TK, bila sudah ada</source>
        <translation>11 digits of the BPJS TK card, if any</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="75"/>
        <source>mis. 0812 3456 7890</source>
        <translation>e.g. 0812 3456 7890</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="78"/>
        <source>mis. 003</source>
        <translation>e.g. 003</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="79"/>
        <source>mis. 001</source>
        <translation>e.g. 001</translation>
    </message>
</context>
<context>
    <name>WorkerTable</name>
    <message>
        <location filename="../../app/ui/worker_table.py" line="44"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/worker_table.py" line="45"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/worker_table.py" line="46"/>
        <source>Tgl. Lahir</source>
        <translation>Date of Birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/worker_table.py" line="47"/>
        <source>L/P</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/worker_table.py" line="48"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/worker_table.py" line="49"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../app/ui/worker_table.py" line="50"/>
        <source>KPJ</source>
        <translation>KPJ</translation>
    </message>
    <message>
        <location filename="../../app/ui/worker_table.py" line="51"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
</TS>
