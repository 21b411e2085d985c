<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ArrearsPanel</name>
    <message>
        <location filename="../../app/ui/pages/arrears_panel.py" line="69"/>
        <source>Tampilkan:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/arrears_panel.py" line="140"/>
        <source>Tidak ada tunggakan per %1.</source>
        <translation>No arrears as of %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/arrears_panel.py" line="143"/>
        <source>%1 peserta per %2; perkiraan denda PU %3</source>
        <translation>%1 participants as of %2; estimated PU fines %3</translation>
    </message>
</context>
<context>
    <name>ArrearsTable</name>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="68"/>
        <source>Semua tunggakan</source>
        <translation>All arrears</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="69"/>
        <source>Menunggak, masih terlindungi</source>
        <translation>In arrears, still covered</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="70"/>
        <source>Peringatan: 2 bulan atau lebih</source>
        <translation>Warning: 2 months or more</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="71"/>
        <source>Terputus</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="77"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="78"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="79"/>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="80"/>
        <source>Sumber dana</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="81"/>
        <source>Lunas s.d.</source>
        <translation>Paid through</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="82"/>
        <source>Tunggakan</source>
        <translation>In arrears</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="83"/>
        <source>Jatuh tempo</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="84"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="85"/>
        <source>Perkiraan denda</source>
        <translation>Estimated fine</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="90"/>
        <source>%1 bulan</source>
        <translation>%1 months</translation>
    </message>
    <message>
        <location filename="../../app/ui/arrears_table.py" line="104"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>BackupKind</name>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="44"/>
        <source>Harian (otomatis)</source>
        <translation>Daily (automatic)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="45"/>
        <source>Mingguan (otomatis)</source>
        <translation>Weekly (automatic)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="46"/>
        <source>Sebelum pembaruan aplikasi</source>
        <translation>Before an app upgrade</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="47"/>
        <source>Sebelum impor</source>
        <translation>Before an import</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="48"/>
        <source>Dibuat sendiri</source>
        <translation>Made by hand</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="49"/>
        <source>Data yang diganti saat pemulihan</source>
        <translation>Data replaced by a restore</translation>
    </message>
</context>
<context>
    <name>BackupsSection</name>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="89"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="89"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="89"/>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="89"/>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="101"/>
        <source>&amp;Cadangkan sekarang</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="103"/>
        <source>Cadangkan ke folder &amp;lain…</source>
        <translation>Back up to &amp;another folder…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="104"/>
        <source>&amp;Pulihkan…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="106"/>
        <source>Pulihkan dari &amp;berkas…</source>
        <translation>Restore from a &amp;file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="121"/>
        <source>Cadangan otomatis dibuat setiap hari saat aplikasi dibuka. Disimpan: %1 harian, %2 mingguan, %3 sebelum pembaruan aplikasi, %4 sebelum impor; yang lebih lama dihapus sendiri. Folder cadangan: %5</source>
        <translation>An automatic backup is made every day when the app opens. Kept: %1 daily, %2 weekly, %3 before app upgrades, %4 before imports; older ones are deleted by themselves. Backup folder: %5</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="130"/>
        <source>&amp;Daftar cadangan</source>
        <translation>Backup &amp;list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="172"/>
        <source>Cadangan otomatis terakhir: %1</source>
        <translation>Last automatic backup: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="173"/>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="194"/>
        <source>Simpan cadangan ke folder</source>
        <translation>Save the backup to a folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="207"/>
        <source>Mencadangkan…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="212"/>
        <source>Cadangan tersimpan: %1</source>
        <translation>Backup saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="227"/>
        <source>Pulihkan dari berkas cadangan</source>
        <translation>Restore from a backup file</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="228"/>
        <source>Cadangan Payung Desa (*.sqlite3);;Semua berkas (*)</source>
        <translation>Payung Desa backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="242"/>
        <source>Memeriksa berkas cadangan…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="247"/>
        <source>Cadangan tidak dipulihkan. %1</source>
        <translation>The backup was not restored. %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="253"/>
        <source>Pulihkan cadangan?</source>
        <translation>Restore the backup?</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="254"/>
        <source>Pulihkan cadangan tanggal %1?</source>
        <translation>Restore the backup of %1?</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="258"/>
        <source>Data yang sekarang tidak dihapus: disisihkan ke folder %1 dan bisa dipulihkan lagi dari daftar ini. Perubahan sesudah tanggal cadangan tidak akan tampil lagi.</source>
        <translation>The current data is not deleted: it is set aside in the folder %1 and can be restored again from this list. Changes made after the backup&apos;s date will no longer show.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="262"/>
        <source>Berkas: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="264"/>
        <source>&amp;Pulihkan</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="266"/>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="281"/>
        <source>Pemulihan dibatalkan; data tidak berubah.</source>
        <translation>Restore cancelled; the data has not changed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="285"/>
        <source>Memulihkan…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="294"/>
        <source>Cadangan %1 dipulihkan.</source>
        <translation>Backup %1 restored.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_backups.py" line="296"/>
        <source>Data sebelumnya disimpan di %1</source>
        <translation>The previous data is kept in %1</translation>
    </message>
</context>
<context>
    <name>BerandaPage</name>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="111"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="119"/>
        <source>Belum ada peserta aktif dan formasi belum diisi. Isi formasi di Pengaturan; daftarkan kepesertaan lewat Peserta &gt; Kepesertaan BPJS.</source>
        <translation>No active participants yet and no posts (formasi) entered. Enter the posts in Settings; enroll people through Participants &gt; BPJS coverage.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="124"/>
        <source>Menunggak</source>
        <translation>In arrears</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="125"/>
        <source>Peringatan: hampir terputus</source>
        <translation>Warning: about to lapse</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="126"/>
        <source>Terputus</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="127"/>
        <source>Iuran bulan ini</source>
        <translation>This month&apos;s contributions</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="138"/>
        <source>&amp;Lihat semua tunggakan</source>
        <translation>&amp;See all arrears</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="152"/>
        <source>Cakupan kepesertaan per kategori (aktif / formasi)</source>
        <translation>Coverage per category (active / posts)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="163"/>
        <source>Jatuh tempo berikutnya</source>
        <translation>Next due dates</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="165"/>
        <source>Tunggakan terlama</source>
        <translation>Longest in arrears</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="232"/>
        <source>per %1</source>
        <translation>as of %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="250"/>
        <source>Kategori yang formasinya diisi: %1 dari %2 posisi terlindungi (%3)</source>
        <translation>Categories with posts entered: %1 of %2 posts covered (%3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="260"/>
        <source>iuran lewat jatuh tempo</source>
        <translation>contributions past their due date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="263"/>
        <source>2 bulan atau lebih belum dibayar; BPU terputus sesudah 3 bulan</source>
        <translation>2 or more months unpaid; BPU coverage lapses after 3 months</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="266"/>
        <source>perlindungan BPU berhenti</source>
        <translation>BPU coverage stopped</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="270"/>
        <source>Iuran %1</source>
        <translation>Contributions %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="273"/>
        <source>belum dibuat</source>
        <translation>not made yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="274"/>
        <source>buka Iuran untuk membuat draf</source>
        <translation>open Contributions to make the draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="279"/>
        <source>%1 peserta, dikunci; dibayar %2</source>
        <translation>%1 participants, locked; paid %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="283"/>
        <source>%1 peserta, draf belum dikunci</source>
        <translation>%1 participants, draft not locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="288"/>
        <source>Tidak ada tagihan yang menunggu.</source>
        <translation>Nothing is waiting to be paid.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="291"/>
        <source>%1: %2 peserta</source>
        <translation>%1: %2 participants</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="299"/>
        <source>Tidak ada tunggakan.</source>
        <translation>No arrears.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/beranda.py" line="302"/>
        <source>%1: %2 bulan (%3, %4)</source>
        <translation>%1: %2 months (%3, %4)</translation>
    </message>
</context>
<context>
    <name>BundleBox</name>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="63"/>
        <source>Flashdisk (tanpa internet)</source>
        <translation>USB stick (no internet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="70"/>
        <source>Simpan perubahan desa ke flashdisk untuk DPMD, lalu baca bundel balasan dari DPMD.</source>
        <translation>Save the village&apos;s changes to a USB stick for the DPMD, then read the DPMD&apos;s reply bundle.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="74"/>
        <source>Simpan bundel ke &amp;flashdisk…</source>
        <translation>Save a bundle to a &amp;flash drive…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="75"/>
        <source>Baca bundel &amp;balasan…</source>
        <translation>Read &amp;reply bundle…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="96"/>
        <source>Simpan bundel untuk DPMD</source>
        <translation>Save bundle for the DPMD</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="97"/>
        <source>Bundel Payung (*%1)</source>
        <translation>Payung bundle (*%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="105"/>
        <source>Baca bundel balasan dari DPMD</source>
        <translation>Read reply bundle from the DPMD</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="106"/>
        <source>Bundel Payung (*%1);;Semua berkas (*)</source>
        <translation>Payung bundle (*%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="120"/>
        <source>Menyimpan bundel…</source>
        <translation>Saving bundle…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="126"/>
        <source>Bundel berisi %1 perubahan disimpan di %2. Serahkan ke DPMD.</source>
        <translation>Bundle with %1 changes saved to %2. Hand it to the DPMD.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="135"/>
        <source>Membaca bundel %1…</source>
        <translation>Reading bundle %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_bundles.py" line="139"/>
        <source>Bundel balasan dibaca.</source>
        <translation>Reply bundle read.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="129"/>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="129"/>
        <source>Nilai di PC ini</source>
        <translation>Value on this PC</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="129"/>
        <source>Nilai di server</source>
        <translation>Value on the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="130"/>
        <source>Pilihan</source>
        <translation>Choice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="143"/>
        <source>Simpan &amp;pilihan</source>
        <translation>Save &amp;choices</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="197"/>
        <source>Tidak ada konflik yang perlu ditinjau.</source>
        <translation>No conflicts to review.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="209"/>
        <source>Pilihan sudah disimpan dan menunggu dikirim ke server.</source>
        <translation>Choices saved; waiting to be sent to the server.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="211"/>
        <source>Pilihan awal adalah nilai yang kini dipakai server.</source>
        <translation>Each choice starts at the value the server uses now.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="227"/>
        <source>Pakai nilai PC ini</source>
        <translation>Use this PC&apos;s value</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="228"/>
        <source>Pakai nilai server</source>
        <translation>Use the server&apos;s value</translation>
    </message>
</context>
<context>
    <name>CoverageBars</name>
    <message>
        <location filename="../../app/ui/coverage_bars.py" line="53"/>
        <source>formasi belum diisi</source>
        <translation>posts not entered</translation>
    </message>
</context>
<context>
    <name>DocumentOptionsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/document_options.py" line="62"/>
        <source>Profil ekspor</source>
        <translation>Export profile</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/document_options.py" line="65"/>
        <source>Semua sumber dana</source>
        <translation>All payers</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/document_options.py" line="68"/>
        <source>Sumber dana</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/document_options.py" line="71"/>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/document_options.py" line="72"/>
        <source>F4 / folio (215 × 330 mm)</source>
        <translation>F4 / folio (215 × 330 mm)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/document_options.py" line="75"/>
        <source>Kertas</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/document_options.py" line="79"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EndEnrollmentDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="102"/>
        <source>Akhiri kepesertaan</source>
        <translation>End coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="105"/>
        <source>Kepesertaan BPJS %1 diakhiri pada tanggal ini (hari terakhir yang dilindungi). Bulan sesudahnya tidak ditagih lagi.</source>
        <translation>The BPJS coverage of %1 ends on this date (the last covered day). Later months are no longer billed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="108"/>
        <source>Tanggal berakhir</source>
        <translation>End date</translation>
    </message>
</context>
<context>
    <name>EndMembershipDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="35"/>
        <source>Akhiri keanggotaan</source>
        <translation>End membership</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="38"/>
        <source>Keanggotaan %1 diakhiri. Datanya tetap ada di register dengan status Berhenti.</source>
        <translation>The membership of %1 ends. The record stays in the register with the status Ended.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="40"/>
        <source>Tanggal berhenti</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="48"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/end_membership.py" line="67"/>
        <source>Pilih alasan berhenti</source>
        <translation>Choose why the membership ends</translation>
    </message>
</context>
<context>
    <name>EnrollmentFormDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="122"/>
        <source>Ubah kepesertaan</source>
        <translation>Edit coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="122"/>
        <source>Tambah periode kepesertaan</source>
        <translation>Add a coverage period</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="133"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="134"/>
        <source>PU - Penerima Upah</source>
        <translation>PU - wage earner</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="135"/>
        <source>BPU - Bukan Penerima Upah</source>
        <translation>BPU - informal worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="140"/>
        <source>rupiah per bulan, mis. 2.022.200</source>
        <translation>rupiah a month, e.g. 2.022.200</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="141"/>
        <source>1 - sangat rendah (kantor desa)</source>
        <translation>1 - very low (village office)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="141"/>
        <source>2 - rendah</source>
        <translation>2 - low</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="142"/>
        <source>3 - sedang</source>
        <translation>3 - medium</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="142"/>
        <source>4 - tinggi</source>
        <translation>4 - high</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="143"/>
        <source>5 - sangat tinggi</source>
        <translation>5 - very high</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="146"/>
        <source>TMT (mulai)</source>
        <translation>Start (TMT)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="147"/>
        <source>11 angka kartu BPJS TK, bila sudah ada</source>
        <translation>11 digits of the BPJS TK card, if any</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="216"/>
        <source>%1 per bulan</source>
        <translation>%1 a month</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="221"/>
        <source>JKP (otomatis): tanpa iuran tambahan</source>
        <translation>JKP (automatic): no extra contribution</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/enrollment_form.py" line="233"/>
        <source>Iuran per bulan: %1</source>
        <translation>Contribution a month: %1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/errors.py" line="36"/>
        <source>Iuran bulan ini belum dikunci, jadi pembayaran belum bisa dicatat. Periksa draf iuran, tekan Kunci, lalu catat pembayarannya.</source>
        <translation>This month&apos;s contributions are not locked yet, so a payment cannot be recorded. Check the draft, press Lock, then record the payment.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="42"/>
        <source>Iuran bulan ini sudah dikunci: yang sudah ditagih tidak dihitung ulang. Perubahan kepesertaan berlaku untuk bulan berikutnya.</source>
        <translation>This month&apos;s contributions are locked: what was billed is not recalculated. Coverage changes apply from the next month.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="65"/>
        <source>Berkas %1 tidak dapat ditulis atau dibaca (%2). Periksa folder atau flashdisk, tutup berkas itu bila sedang dibuka, lalu coba lagi.</source>
        <translation>The file %1 could not be written or read (%2). Check the folder or the USB stick, close the file if it is open, then try again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="50"/>
        <source>Masalah pada berkas data: %1</source>
        <translation>Problem with the data file: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="54"/>
        <source>Terjadi kesalahan yang tidak terduga (%1). Data yang sudah tersimpan aman. Coba lagi; bila terulang, catat waktunya dan hubungi petugas DPMD.</source>
        <translation>An unexpected error occurred (%1). Data already saved is safe. Try again; if it happens again, note the time and contact the DPMD officer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="74"/>
        <source>Printer tidak dapat dipakai. Periksa apakah printer menyala, terhubung dan berisi kertas, lalu cetak lagi; atau simpan PDF-nya dan cetak dari komputer lain.</source>
        <translation>The printer cannot be used. Check that it is switched on, connected and has paper, then print again; or save the PDF and print it from another computer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="79"/>
        <source>Berkas PDF tidak dapat dibuka untuk pratinjau. Buat dokumennya lagi.</source>
        <translation>The PDF could not be opened for the preview. Make the document again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="103"/>
        <source>Periksa isian</source>
        <translation>Check the form</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="105"/>
        <source>Berkas data bermasalah</source>
        <translation>Data file problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="106"/>
        <source>Kesalahan</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>ExportRefusedDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="47"/>
        <source>Ekspor ditolak</source>
        <translation>Export refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="51"/>
        <source>Tidak ada berkas yang ditulis: %1 baris tidak dapat diekspor. Perbaiki data pekerja ini di Peserta (NIK, isian wajib), hitung ulang draf bila perlu, lalu ekspor lagi.</source>
        <translation>No file was written: %1 lines cannot be exported. Correct these workers in Participants (NIK, required fields), recalculate the draft if needed, then export again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="62"/>
        <source>Baris</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="63"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="64"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="65"/>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="66"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="84"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/export_refused.py" line="91"/>
        <source>… dan %1 alasan lainnya.</source>
        <translation>… and %1 more reasons.</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../../app/ui/labels.py" line="104"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="105"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="106"/>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="107"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="108"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="109"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="110"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="111"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="112"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="113"/>
        <source>Dusun</source>
        <translation>Hamlet (dusun)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="114"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="115"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="116"/>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="117"/>
        <source>No. KK</source>
        <translation>Family card no. (KK)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="118"/>
        <source>No. KPJ</source>
        <translation>KPJ no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="119"/>
        <source>Status kawin</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="120"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="121"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="122"/>
        <source>Pekerja</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="123"/>
        <source>Ahli waris</source>
        <translation>Heirs</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="124"/>
        <source>Nama ahli waris</source>
        <translation>Heir&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="125"/>
        <source>Hubungan</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="126"/>
        <source>NIK ahli waris</source>
        <translation>Heir&apos;s NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="127"/>
        <source>Tanggal lahir ahli waris</source>
        <translation>Heir&apos;s date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="128"/>
        <source>No. HP ahli waris</source>
        <translation>Heir&apos;s mobile no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="129"/>
        <source>Desa</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="130"/>
        <source>Kode desa</source>
        <translation>Village code</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="131"/>
        <source>Nama desa</source>
        <translation>Village name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="132"/>
        <source>Kecamatan</source>
        <translation>District (kecamatan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="133"/>
        <source>Kabupaten</source>
        <translation>Regency (kabupaten)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="134"/>
        <source>Provinsi</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="135"/>
        <source>Kepala desa</source>
        <translation>Village head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="136"/>
        <source>Sekretaris desa</source>
        <translation>Village secretary</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="137"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="138"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="139"/>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="140"/>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="141"/>
        <source>Upah/penghasilan</source>
        <translation>Wage/income</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="142"/>
        <source>Kelas risiko JKK</source>
        <translation>JKK risk class</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="143"/>
        <source>Sumber dana</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="144"/>
        <source>TMT (mulai)</source>
        <translation>Start (TMT)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="145"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="146"/>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="147"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="148"/>
        <source>No. bukti</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="149"/>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="150"/>
        <source>Formasi</source>
        <translation>Posts</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="151"/>
        <source>Tarif</source>
        <translation>Rates</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="152"/>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="153"/>
        <source>Lembar</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="154"/>
        <source>Pemetaan kolom</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="155"/>
        <source>Basis data</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="156"/>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="157"/>
        <source>Berkas tujuan</source>
        <translation>Target file</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="158"/>
        <source>Profil ekspor</source>
        <translation>Export profile</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="159"/>
        <source>Sejak tanggal</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="160"/>
        <source>Kertas</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="161"/>
        <source>Kepesertaan</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="162"/>
        <source>Tanda terima</source>
        <translation>Receipt</translation>
    </message>
</context>
<context>
    <name>FileStep</name>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="73"/>
        <source>Pilih berkas daftar pekerja: Excel (.xlsx, .xls), LibreOffice (.ods) atau CSV. Baris judul di atas tabel dan baris JUMLAH di bawahnya dilewati. Tidak ada yang disimpan sebelum Anda memeriksa pratinjau dan menekan Impor.</source>
        <translation>Choose the file with the list of workers: Excel (.xlsx, .xls), LibreOffice (.ods) or CSV. Title rows above the table and the JUMLAH (total) row below it are skipped. Nothing is saved until you have checked the preview and pressed Import.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="80"/>
        <source>Belum ada berkas dipilih</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="277"/>
        <location filename="../../app/ui/pages/impor_steps.py" line="81"/>
        <source>&amp;Pilih berkas…</source>
        <translation>&amp;Choose file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="95"/>
        <source>Le&amp;mbar</source>
        <translation>S&amp;heet</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="86"/>
        <source>&amp;Selesai</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="159"/>
        <source>Kepala desa: %1</source>
        <translation>Village head: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="161"/>
        <source>Sekretaris desa (operator): %1</source>
        <translation>Village secretary (operator): %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="166"/>
        <source>Formasi: %1</source>
        <translation>Posts: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="169"/>
        <source>Formasi: belum diisi (bisa diisi nanti di Pengaturan)</source>
        <translation>Posts: not entered (can be entered later in Settings)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="172"/>
        <source>Data awal: daftar kosong</source>
        <translation>Starting data: an empty list</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="174"/>
        <source>Data awal: impor %1, dilanjutkan di halaman Impor</source>
        <translation>Starting data: import %1, continued on the Import page</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <location filename="../../app/ui/forms.py" line="76"/>
        <source>hh-bb-tttt, mis. 17-08-1985</source>
        <translation>dd-mm-yyyy, e.g. 17-08-1985</translation>
    </message>
    <message>
        <location filename="../../app/ui/forms.py" line="207"/>
        <source>Belum bisa disimpan; periksa: %1</source>
        <translation>Cannot be saved yet; check: %1</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/base.py" line="48"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/base.py" line="50"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/base.py" line="96"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>FormasiPage</name>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="171"/>
        <source>Formasi</source>
        <translation>Posts</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="172"/>
        <source>Boleh dikosongkan dan diisi nanti di Pengaturan.</source>
        <translation>May be left empty and entered later in Settings.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="174"/>
        <source>Jumlah posisi per kategori; Beranda mengukur cakupan kepesertaan terhadap angka ini. Biarkan &quot;belum diisi&quot; untuk kategori tanpa formasi tetap, mis. petani.</source>
        <translation>Number of posts per category; Home measures coverage against these numbers. Leave &quot;not entered&quot; for categories without fixed posts, e.g. farmers.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="177"/>
        <source>belum diisi</source>
        <translation>not entered</translation>
    </message>
</context>
<context>
    <name>GeneralSection</name>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="75"/>
        <source>mis. Siti Aminah</source>
        <translation>e.g. Siti Aminah</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="86"/>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="87"/>
        <source>F4 / folio (215 × 330 mm)</source>
        <translation>F4 / folio (215 × 330 mm)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="92"/>
        <source>kosong: folder pribadi pengguna</source>
        <translation>empty: the user&apos;s home folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="93"/>
        <source>Pi&amp;lih folder…</source>
        <translation>Choose &amp;folder…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="95"/>
        <source>&amp;Simpan pengaturan</source>
        <translation>&amp;Save settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="110"/>
        <source>Nama &amp;operator</source>
        <translation>&amp;Operator name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="111"/>
        <source>Orang yang memakai komputer ini. Namanya dicatat pada setiap perubahan data (riwayat) dan tampil di baris status. Nama sekretaris di profil desa yang dicetak pada kuitansi dan rekap.</source>
        <translation>The person using this computer. The name is recorded with every change to the data (history) and shown in the status bar. The secretary&apos;s name in the village profile is the one printed on receipts and recaps.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="114"/>
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="115"/>
        <source>Berlaku segera setelah disimpan, tanpa menutup aplikasi.</source>
        <translation>Takes effect as soon as it is saved, without closing the app.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="116"/>
        <source>&amp;Kertas</source>
        <translation>&amp;Paper</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="117"/>
        <source>Ukuran kertas bawaan untuk kuitansi dan rekap iuran.</source>
        <translation>Default paper size for receipts and contribution recaps.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="118"/>
        <source>Profil &amp;ekspor</source>
        <translation>&amp;Export profile</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="119"/>
        <source>Ekspor iuran memilih profil ini lebih dulu.</source>
        <translation>The contribution export chooses this profile first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="120"/>
        <source>Folder e&amp;kspor</source>
        <translation>Export fol&amp;der</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="121"/>
        <source>Ekspor iuran menyimpan berkas ke folder ini, mis. flashdisk untuk dibawa ke kantor BPJS.</source>
        <translation>The contribution export saves its file to this folder, e.g. a flash drive to take to the BPJS office.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="167"/>
        <source>%1 (%2, versi %3)</source>
        <translation>%1 (%2, version %3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="202"/>
        <source>Folder ekspor</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="220"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_general.py" line="226"/>
        <source>Pengaturan disimpan.</source>
        <translation>Settings saved.</translation>
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
        <location filename="../../app/ui/dialogs/heirs.py" line="119"/>
        <source>Belum ada ahli waris. Tekan Tambah.</source>
        <translation>No heirs yet. Press Add.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="157"/>
        <source>Hapus ahli waris</source>
        <translation>Remove heir</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="158"/>
        <source>Hapus %1 dari daftar ahli waris?</source>
        <translation>Remove %1 from the heirs?</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="160"/>
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/heirs.py" line="161"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ImporPage</name>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="78"/>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="87"/>
        <location filename="../../app/ui/pages/impor.py" line="93"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="84"/>
        <location filename="../../app/ui/pages/impor.py" line="94"/>
        <source>&lt; &amp;Kembali</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="85"/>
        <location filename="../../app/ui/pages/impor.py" line="95"/>
        <source>&amp;Lanjut &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="143"/>
        <source>1 Berkas</source>
        <translation>1 File</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="143"/>
        <source>2 Kolom</source>
        <translation>2 Columns</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="143"/>
        <source>3 Pratinjau</source>
        <translation>3 Preview</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="144"/>
        <source>4 Selesai</source>
        <translation>4 Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="161"/>
        <source>&amp;Impor %1 baris</source>
        <translation>&amp;Import %1 rows</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="179"/>
        <source>%1 baris dibaca: %2 siap diimpor, %3 ditolak, %4 peringatan.</source>
        <translation>%1 rows read: %2 ready to import, %3 refused, %4 warnings.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="190"/>
        <source>Pilih berkas untuk diimpor</source>
        <translation>Choose a file to import</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="191"/>
        <source>Lembar kerja (%1);;Semua berkas (*)</source>
        <translation>Spreadsheets (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="232"/>
        <source>Membaca %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="246"/>
        <source>Memeriksa baris %1 dari %2…</source>
        <translation>Checking row %1 of %2…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="260"/>
        <source>Lembar &quot;%1&quot;: %2</source>
        <translation>Sheet &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="265"/>
        <source>Kolom NIK dan Nama harus ada: pilih kolomnya di langkah 2 (Kolom).</source>
        <translation>The NIK and Name columns are needed: choose them in step 2 (Columns).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="296"/>
        <source>Pembacaan dibatalkan.</source>
        <translation>Reading cancelled.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="305"/>
        <source>Mengimpor %1 baris (cadangan dibuat dulu)…</source>
        <translation>Importing %1 rows (a backup is made first)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="319"/>
        <source>Tidak ada baris yang disimpan.</source>
        <translation>No row was saved.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="327"/>
        <source>Simpan laporan kesalahan</source>
        <translation>Save the error report</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="328"/>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="344"/>
        <source>Laporan tersimpan: %1</source>
        <translation>Report saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor.py" line="347"/>
        <source>Menyimpan laporan…</source>
        <translation>Saving the report…</translation>
    </message>
</context>
<context>
    <name>ImportField</name>
    <message>
        <location filename="../../app/ui/import_table.py" line="31"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="32"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="33"/>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="34"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="35"/>
        <source>Tempat, tanggal lahir</source>
        <translation>Place and date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="36"/>
        <source>Jenis kelamin (L/P)</source>
        <translation>Sex (L/P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="37"/>
        <source>Jabatan / pekerjaan</source>
        <translation>Position / occupation</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="38"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="39"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="40"/>
        <source>Dusun</source>
        <translation>Hamlet (dusun)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="41"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="42"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="43"/>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="44"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="45"/>
        <source>Nama ibu kandung</source>
        <translation>Mother&apos;s maiden name</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="46"/>
        <source>No. KK</source>
        <translation>Family card no. (KK)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="47"/>
        <source>Status kawin</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="48"/>
        <source>KPJ</source>
        <translation>KPJ</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="49"/>
        <source>Segmen (PU/BPU)</source>
        <translation>Segment (PU/BPU)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="50"/>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="51"/>
        <source>Upah / penghasilan</source>
        <translation>Wage / income</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="52"/>
        <source>Sumber dana</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="53"/>
        <source>TMT (tanggal mulai)</source>
        <translation>TMT (start date)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="54"/>
        <source>Kelas risiko JKK</source>
        <translation>JKK risk class</translation>
    </message>
</context>
<context>
    <name>ImportLinesModel</name>
    <message>
        <location filename="../../app/ui/import_table.py" line="168"/>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="168"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="168"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="168"/>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="169"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="169"/>
        <source>Masalah</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="260"/>
        <source>Siap</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="262"/>
        <source>Kesalahan</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_table.py" line="263"/>
        <source>Peringatan</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>IuranDocuments</name>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="65"/>
        <source>&amp;Ekspor xlsx…</source>
        <translation>&amp;Export xlsx…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="66"/>
        <source>Berkas unggah BPJS untuk bulan ini (.xlsx)</source>
        <translation>The BPJS upload file for this month (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="67"/>
        <source>&amp;Rekap PDF…</source>
        <translation>&amp;Recap PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="68"/>
        <source>Rekap iuran untuk ditandatangani kepala desa</source>
        <translation>Contribution recap for the village head to sign</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="107"/>
        <source>Profil tidak sah, tidak ditawarkan: %1 (%2)</source>
        <translation>Invalid profile, not offered: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="113"/>
        <source>Ekspor iuran</source>
        <translation>Export contributions</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="114"/>
        <source>Ekspor iuran %1 ke berkas .xlsx untuk diunggah ke BPJS.</source>
        <translation>Export the contributions for %1 to an .xlsx file to upload to BPJS.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="116"/>
        <source>Pilih berkas…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="130"/>
        <source>%1 (%2, versi %3)</source>
        <translation>%1 (%2, version %3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="138"/>
        <source>Simpan ekspor</source>
        <translation>Save export</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="140"/>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="153"/>
        <source>Mengekspor iuran %1…</source>
        <translation>Exporting the contributions for %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="169"/>
        <source>Ekspor tersimpan: %1 (%2 baris, profil %3 versi %4).</source>
        <translation>Export saved: %1 (%2 lines, profile %3 version %4).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="176"/>
        <source>Iuran bulan ini masih draf: kunci dulu sebelum diunggah.</source>
        <translation>This month is still a draft: lock it before uploading.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="184"/>
        <source>Ekspor ditolak: %1 baris belum lengkap; tidak ada berkas yang ditulis.</source>
        <translation>Export refused: %1 lines are incomplete; no file was written.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="203"/>
        <source>Rekap iuran</source>
        <translation>Contribution recap</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="204"/>
        <source>Rekap iuran %1 per sumber dana, untuk ditandatangani kepala desa.</source>
        <translation>Recap of the contributions for %1 per payer, for the village head to sign.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="206"/>
        <source>Buat rekap</source>
        <translation>Make recap</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran_documents.py" line="222"/>
        <source>Rekap iuran %1</source>
        <translation>Contribution recap %1</translation>
    </message>
</context>
<context>
    <name>IuranPage</name>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="104"/>
        <source>Iuran</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="112"/>
        <location filename="../../app/ui/pages/iuran.py" line="248"/>
        <source>&amp;Buat draf</source>
        <translation>&amp;Make draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="113"/>
        <source>&amp;Kunci</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="114"/>
        <source>Catat &amp;pembayaran</source>
        <translation>Record &amp;payment</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="129"/>
        <source>Daftar iuran</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="130"/>
        <source>Tunggakan</source>
        <translation>Arrears</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="248"/>
        <source>&amp;Hitung ulang draf</source>
        <translation>&amp;Recalculate draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="259"/>
        <source>Membaca iuran %1…</source>
        <translation>Reading contributions for %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="262"/>
        <source>Iuran %1 sudah dikunci</source>
        <translation>Contributions for %1 are locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="264"/>
        <source>tagihan tidak dihitung ulang; catat pembayaran yang masuk.</source>
        <translation>the bill is not recalculated; record the payments that come in.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="269"/>
        <source>Draf iuran %1, belum dikunci: periksa, hitung ulang bila perlu, lalu Kunci.</source>
        <translation>Draft contributions for %1, not locked: check, recalculate if needed, then Lock.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="273"/>
        <source>Belum ada iuran %1. Tekan Buat draf untuk menghitungnya.</source>
        <translation>No contributions for %1 yet. Press Make draft to calculate them.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="287"/>
        <source>Menghitung iuran %1…</source>
        <translation>Calculating contributions for %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="296"/>
        <source>Draf dihitung: %1 peserta, %2</source>
        <translation>Draft calculated: %1 participants, %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="308"/>
        <source>Kunci iuran</source>
        <translation>Lock contributions</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="310"/>
        <source>Kunci iuran %1: %2 peserta, jumlah %3?

Sesudah dikunci, iuran bulan ini tidak dapat dihitung ulang; perubahan kepesertaan berlaku untuk bulan berikutnya.</source>
        <translation>Lock the contributions for %1: %2 participants, total %3?

Once locked, this month cannot be recalculated; coverage changes apply from the next month.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="318"/>
        <source>Kunci</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="319"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="338"/>
        <source>Mengunci iuran %1…</source>
        <translation>Locking contributions for %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="343"/>
        <source>Iuran %1 dikunci.</source>
        <translation>Contributions for %1 locked.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/iuran.py" line="385"/>
        <source>Pembayaran %1 dicatat: %2</source>
        <translation>Payment from %1 recorded: %2</translation>
    </message>
</context>
<context>
    <name>KepesertaanPanel</name>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="76"/>
        <source>JKP (otomatis)</source>
        <translation>JKP (automatic)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="109"/>
        <source>Kepesertaan BPJS Ketenagakerjaan: %1</source>
        <translation>BPJS Ketenagakerjaan coverage: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="111"/>
        <source>Perubahan di sini langsung tersimpan.</source>
        <translation>Changes here are saved at once.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="139"/>
        <source>&amp;Tambah periode</source>
        <translation>&amp;Add period</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="140"/>
        <source>&amp;Ubah</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="141"/>
        <source>Aju&amp;kan</source>
        <translation>Su&amp;bmit</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="142"/>
        <source>Akti&amp;fkan</source>
        <translation>Acti&amp;vate</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="143"/>
        <source>Akhi&amp;ri kepesertaan</source>
        <translation>E&amp;nd coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="144"/>
        <source>C&amp;etak tanda terima</source>
        <translation>Print r&amp;eceipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="152"/>
        <source>Draf -&gt; Diajukan: sudah didaftarkan ke BPJS</source>
        <translation>Draft -&gt; Submitted: registered with BPJS</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="153"/>
        <source>Diajukan -&gt; Aktif: BPJS sudah menerima</source>
        <translation>Submitted -&gt; Active: BPJS has accepted</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="163"/>
        <source>TMT</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="163"/>
        <source>Berakhir</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="163"/>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="163"/>
        <source>Program</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="164"/>
        <source>Upah/penghasilan</source>
        <translation>Wage/income</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="164"/>
        <source>Sumber dana</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="164"/>
        <source>KPJ</source>
        <translation>KPJ</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="165"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="208"/>
        <source>Belum ada kepesertaan. Tekan Tambah periode.</source>
        <translation>No coverage yet. Press Add period.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="243"/>
        <source>Berakhir %1: %2.</source>
        <translation>Ended %1: %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="257"/>
        <source>Iuran %1: %2 (%3), dibayar dari %4</source>
        <translation>Contribution %1: %2 (%3), paid by %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="344"/>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="379"/>
        <source>Tanda terima pendaftaran</source>
        <translation>Enrollment receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="346"/>
        <source>Kepesertaan %1 tersimpan. Cetak tanda terima pendaftarannya sekarang?</source>
        <translation>The coverage of %1 is saved. Print the enrollment receipt now?</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="350"/>
        <source>Cetak tanda terima</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/kepesertaan.py" line="351"/>
        <source>Nanti</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>Label</name>
    <message>
        <location filename="../../app/ui/labels.py" line="50"/>
        <source>Kepala Desa</source>
        <translation>Village Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="51"/>
        <source>Sekretaris Desa</source>
        <translation>Village Secretary</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="52"/>
        <source>Perangkat Desa</source>
        <translation>Village Official</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="53"/>
        <source>Anggota BPD</source>
        <translation>BPD Member</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="54"/>
        <source>Ketua RT</source>
        <translation>RT Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="55"/>
        <source>Ketua RW</source>
        <translation>RW Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="56"/>
        <source>Kader Posyandu</source>
        <translation>Posyandu Volunteer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="57"/>
        <source>Linmas</source>
        <translation>Linmas Guard</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="58"/>
        <source>Guru Ngaji</source>
        <translation>Quran Teacher</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="59"/>
        <source>Marbot</source>
        <translation>Mosque Caretaker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="60"/>
        <source>Petani</source>
        <translation>Farmer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="61"/>
        <source>Buruh Tani</source>
        <translation>Farm Labourer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="62"/>
        <source>Nelayan</source>
        <translation>Fisher</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="63"/>
        <source>Pekerja Konstruksi</source>
        <translation>Construction Worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="64"/>
        <source>Pelaku UMKM</source>
        <translation>Small Business Owner</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="65"/>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="66"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="67"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="68"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="69"/>
        <source>Berhenti</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="70"/>
        <source>Meninggal dunia</source>
        <translation>Died</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="71"/>
        <source>Masa jabatan berakhir</source>
        <translation>Term of office ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="72"/>
        <source>Pindah</source>
        <translation>Moved away</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="73"/>
        <source>Mengundurkan diri</source>
        <translation>Resigned</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="74"/>
        <source>Suami/Istri</source>
        <translation>Husband/Wife</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="75"/>
        <source>Anak</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="76"/>
        <source>Orang tua</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="77"/>
        <source>Cucu</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="78"/>
        <source>Kakek/Nenek</source>
        <translation>Grandparent</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="79"/>
        <source>Saudara kandung</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="80"/>
        <source>Mertua</source>
        <translation>Parent-in-law</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="81"/>
        <source>Lainnya (wasiat)</source>
        <translation>Other (by will)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="82"/>
        <source>Belum kawin</source>
        <translation>Single</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="83"/>
        <source>Kawin</source>
        <translation>Married</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="84"/>
        <source>Cerai hidup</source>
        <translation>Divorced</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="85"/>
        <source>Cerai mati</source>
        <translation>Widowed</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="86"/>
        <source>Penerima Upah</source>
        <translation>Wage earner</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="87"/>
        <source>Bukan Penerima Upah</source>
        <translation>Informal worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="88"/>
        <source>APBDes</source>
        <translation>APBDes</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="89"/>
        <source>APBD</source>
        <translation>APBD</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="90"/>
        <source>DBHCHT</source>
        <translation>DBHCHT</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="91"/>
        <source>Mandiri</source>
        <translation>Self-paid</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="92"/>
        <source>Donatur</source>
        <translation>Donor</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="93"/>
        <source>Draf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="94"/>
        <source>Diajukan</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="95"/>
        <source>Berakhir</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="96"/>
        <source>Lancar</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="97"/>
        <source>Jatuh tempo</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="98"/>
        <source>Peringatan</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="99"/>
        <source>Terputus</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="180"/>
        <source>L</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="181"/>
        <source>P</source>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="218"/>
        <source>kurang %1</source>
        <translation>short %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="220"/>
        <source>lebih %1</source>
        <translation>over %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="221"/>
        <source>lunas</source>
        <translation>settled</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../app/ui/main.py" line="103"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/window.py" line="133"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="134"/>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="135"/>
        <source>Iuran</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="136"/>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="138"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="263"/>
        <source>Desa %1 (%2)</source>
        <translation>Village %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="280"/>
        <source>%1 pekerja, %2 aktif</source>
        <translation>%1 workers, %2 active</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="284"/>
        <source>Operator: %1</source>
        <translation>Operator: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="296"/>
        <source>Cadangan harian gagal: %1</source>
        <translation>Daily backup failed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="342"/>
        <source>Memulihkan cadangan…</source>
        <translation>Restoring the backup…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="372"/>
        <source>Cadangan tidak dipulihkan. %1</source>
        <translation>The backup was not restored. %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/window.py" line="137"/>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="126"/>
        <source>Periksa arti setiap kolom. Ubah pilihan bila kolom terbaca salah, atau pilih &quot;tidak diimpor&quot; untuk kolom yang tidak dipakai.</source>
        <translation>Check what each column means. Change the choice when a column was read wrongly, or choose &quot;not imported&quot; for a column that is not used.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="134"/>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="135"/>
        <source>Judul di berkas</source>
        <translation>Heading in the file</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="136"/>
        <source>Contoh isi</source>
        <translation>Example</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="137"/>
        <source>Dibaca sebagai</source>
        <translation>Read as</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="161"/>
        <source>Lembar &quot;%1&quot;: judul kolom di baris %2, data mulai baris %3.</source>
        <translation>Sheet &quot;%1&quot;: column headings on row %2, data from row %3.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="189"/>
        <source>— tidak diimpor —</source>
        <translation>— not imported —</translation>
    </message>
</context>
<context>
    <name>MonthPicker</name>
    <message>
        <location filename="../../app/ui/month_picker.py" line="86"/>
        <source>Bulan sebelumnya (Alt+Kiri)</source>
        <translation>Previous month (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../app/ui/month_picker.py" line="90"/>
        <source>Bulan berikutnya (Alt+Kanan)</source>
        <translation>Next month (Alt+Right)</translation>
    </message>
</context>
<context>
    <name>PayerTotals</name>
    <message>
        <location filename="../../app/ui/pages/payer_totals.py" line="40"/>
        <source>Sumber dana</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/payer_totals.py" line="40"/>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/payer_totals.py" line="40"/>
        <source>Ditagih</source>
        <translation>Billed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/payer_totals.py" line="41"/>
        <source>Dibayar</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/payer_totals.py" line="41"/>
        <source>Keterangan</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/payer_totals.py" line="55"/>
        <source>draf, belum dikunci</source>
        <translation>draft, not locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/payer_totals.py" line="62"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="44"/>
        <source>Catat pembayaran - %1</source>
        <translation>Record payment - %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="47"/>
        <source>Pembayaran iuran %1 dari satu sumber dana.</source>
        <translation>A payment of the %1 contributions by one payer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="56"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="57"/>
        <source>rupiah, mis. 1.250.000</source>
        <translation>rupiah, e.g. 1.250.000</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="58"/>
        <source>Tanggal bayar</source>
        <translation>Paid on</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="59"/>
        <source>no. bukti transfer / kuitansi</source>
        <translation>transfer or receipt number</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="60"/>
        <source>boleh kosong</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="76"/>
        <source>Pilih sumber dana yang membayar</source>
        <translation>Choose the payer</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="82"/>
        <source>Jumlah pembayaran harus lebih dari Rp0</source>
        <translation>The amount paid must be more than Rp0</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="88"/>
        <source>Isi nomor bukti atau referensi pembayaran</source>
        <translation>Enter the receipt or payment reference</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="101"/>
        <source>Ditagih %1, sudah dibayar %2</source>
        <translation>Billed %1, paid so far %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="108"/>
        <source>%1; sesudah ini: %2</source>
        <translation>%1; after this: %2</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="101"/>
        <source>Pas lebar</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="102"/>
        <source>Satu halaman</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="109"/>
        <source>Perkecil (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="110"/>
        <source>Perbesar (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="115"/>
        <source>Salin ke &amp;flashdisk</source>
        <translation>Copy to &amp;USB stick</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="118"/>
        <source>&amp;Simpan sebagai…</source>
        <translation>&amp;Save as…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="119"/>
        <source>&amp;Cetak…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="121"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="131"/>
        <source>Batalkan cetak</source>
        <translation>Cancel printing</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="219"/>
        <source>Halaman %1 dari %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="231"/>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="232"/>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="245"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="249"/>
        <source>Tersimpan: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="257"/>
        <source>Salin ke %1 (%2)</source>
        <translation>Copy to %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="279"/>
        <source>Tersalin ke %1: %2. Lepaskan flashdisk dengan aman (Eject) sebelum mencabutnya.</source>
        <translation>Copied to %1: %2. Eject the USB stick safely before pulling it out.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="284"/>
        <source>Menyalin ke %1…</source>
        <translation>Copying to %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="309"/>
        <source>Mencetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/pdf_preview.py" line="332"/>
        <source>%1 halaman dikirim ke printer.</source>
        <translation>%1 pages sent to the printer.</translation>
    </message>
</context>
<context>
    <name>PengaturanPage</name>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="122"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="131"/>
        <source>&amp;Desa</source>
        <translation>&amp;Village</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="148"/>
        <source>&amp;Umum</source>
        <translation>&amp;General</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="149"/>
        <source>Cada&amp;ngan</source>
        <translation>&amp;Backups</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="150"/>
        <source>&amp;Tarif iuran</source>
        <translation>&amp;Rates</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="151"/>
        <source>Se&amp;rver</source>
        <translation>Ser&amp;ver</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="173"/>
        <source>Profil desa</source>
        <translation>Village profile</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="178"/>
        <source>dicetak pada kuitansi dan rekap</source>
        <translation>printed on receipts and recaps</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="179"/>
        <source>Simpan &amp;profil</source>
        <translation>Save &amp;profile</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="193"/>
        <source>Formasi: jumlah posisi per kategori</source>
        <translation>Posts (formasi) per category</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="195"/>
        <source>Beranda mengukur cakupan kepesertaan terhadap angka ini. Biarkan 0 (belum diisi) untuk kategori yang tidak punya formasi tetap, mis. petani.</source>
        <translation>Home measures coverage against these numbers. Leave 0 (not entered) for categories without fixed posts, e.g. farmers.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="202"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="202"/>
        <source>Formasi</source>
        <translation>Posts</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="212"/>
        <source>belum diisi</source>
        <translation>not entered</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="225"/>
        <source>Simpan &amp;formasi</source>
        <translation>Save p&amp;osts</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="299"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="306"/>
        <source>Profil desa disimpan.</source>
        <translation>Village profile saved.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="327"/>
        <source>Tidak ada perubahan formasi.</source>
        <translation>The posts have not changed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan.py" line="342"/>
        <source>Formasi disimpan.</source>
        <translation>Posts saved.</translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="222"/>
        <source>Semua baris</source>
        <translation>All rows</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="223"/>
        <source>Hanya baris bermasalah</source>
        <translation>Only rows with problems</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="224"/>
        <source>Hanya baris yang ditolak</source>
        <translation>Only refused rows</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="239"/>
        <source>&amp;Tampilkan</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="257"/>
        <source>Baris %1 siap diimpor.</source>
        <translation>Row %1 is ready to import.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="259"/>
        <source>Baris %1, kolom %2: %3</source>
        <translation>Row %1, column %2: %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="263"/>
        <source>Baris %1: %2</source>
        <translation>Row %1: %2</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="119"/>
        <source>Profil desa</source>
        <translation>Village profile</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="120"/>
        <source>Kode desa dari Kemendagri, wilayah, dan pejabat desa.</source>
        <translation>The village&apos;s Kemendagri code, region and officials.</translation>
    </message>
</context>
<context>
    <name>QuarantineTable</name>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="270"/>
        <source>Data</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="270"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="270"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="270"/>
        <source>No. perubahan</source>
        <translation>Change no.</translation>
    </message>
</context>
<context>
    <name>RateText</name>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="42"/>
        <source>Pemberi kerja (desa)</source>
        <translation>Employer (village)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="43"/>
        <source>Pekerja</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="44"/>
        <source>Peserta</source>
        <translation>Participant</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="45"/>
        <source>Pemerintah</source>
        <translation>Government</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="46"/>
        <source>Batas atas upah</source>
        <translation>Wage ceiling</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="47"/>
        <source>Kelas penghasilan</source>
        <translation>Income bracket</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="48"/>
        <source>Potongan</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="58"/>
        <source>%1 dari upah</source>
        <translation>%1 of the wage</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="60"/>
        <source>%1 dari penghasilan</source>
        <translation>%1 of the income</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="67"/>
        <source>%1 per bulan</source>
        <translation>%1 a month</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="73"/>
        <source>%1 risiko %2</source>
        <translation>%1 risk class %2</translation>
    </message>
</context>
<context>
    <name>RatesSection</name>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="106"/>
        <source>Program</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="106"/>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="106"/>
        <source>Ditanggung</source>
        <translation>Borne by</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="106"/>
        <source>Tarif</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="107"/>
        <source>Berlaku sejak</source>
        <translation>In force since</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="107"/>
        <source>Dasar hukum</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="122"/>
        <source>&amp;Tarif yang berlaku</source>
        <translation>Rates in &amp;force</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="125"/>
        <source>Hanya untuk dibaca: tarif berasal dari peraturan dan diperbarui oleh kabupaten lewat sinkronisasi atau pembaruan aplikasi.</source>
        <translation>Read only: the rates come from regulations and are updated by the kabupaten through sync or an app upgrade.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="153"/>
        <source>Berlaku pada %1:</source>
        <translation>In force on %1:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="174"/>
        <source>tidak diaktifkan</source>
        <translation>not enabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="175"/>
        <source>mulai %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_rates.py" line="178"/>
        <source>Tidak berlaku hari ini: %1</source>
        <translation>Not in force today: %1</translation>
    </message>
</context>
<context>
    <name>RegisterActions</name>
    <message>
        <location filename="../../app/ui/pages/register_actions.py" line="56"/>
        <source>Tambah pekerja</source>
        <translation>Add worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register_actions.py" line="61"/>
        <source>Cetak tanda terima</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register_actions.py" line="200"/>
        <source>Tanda terima pendaftaran</source>
        <translation>Enrollment receipt</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../app/ui/pages/register.py" line="92"/>
        <source>Peserta</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="98"/>
        <source>Cari nama, NIK atau KPJ…  (Ctrl+F)</source>
        <translation>Search name, NIK or KPJ…  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="101"/>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="105"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="109"/>
        <source>&amp;Tambah</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="110"/>
        <source>&amp;Ubah</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="111"/>
        <source>&amp;Akhiri keanggotaan</source>
        <translation>E&amp;nd membership</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="112"/>
        <source>Ahli &amp;waris</source>
        <translation>&amp;Heirs</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="113"/>
        <source>Ke&amp;pesertaan BPJS</source>
        <translation>BPJS &amp;coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="115"/>
        <source>Cetak tanda te&amp;rima</source>
        <translation>Print &amp;receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="117"/>
        <source>Tanda terima pendaftaran BPJS untuk pekerja yang dipilih (Ctrl+P)</source>
        <translation>BPJS enrollment receipts for the selected workers (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="183"/>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="248"/>
        <source>Tidak ada yang cocok dengan pencarian</source>
        <translation>Nothing matches the search</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="249"/>
        <source>Belum ada pekerja. Tekan Tambah (Ctrl+N).</source>
        <translation>No workers yet. Press Add (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="251"/>
        <source>%1 pekerja cocok</source>
        <translation>%1 workers match</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/register.py" line="253"/>
        <source>%1 pekerja</source>
        <translation>%1 workers</translation>
    </message>
</context>
<context>
    <name>ResultStep</name>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="300"/>
        <source>Simpan &amp;laporan kesalahan…</source>
        <translation>Save the error &amp;report…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="301"/>
        <source>Impor &amp;berkas lain</source>
        <translation>Import &amp;another file</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="317"/>
        <source>%1 pekerja masuk register.</source>
        <translation>%1 workers added to the register.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="320"/>
        <source>%1 baris dibaca; %2 kepesertaan BPJS dibuat.</source>
        <translation>%1 rows read; %2 BPJS coverage periods created.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="326"/>
        <source>%1 baris tidak diimpor karena ada kesalahan: simpan laporannya, perbaiki berkasnya, lalu impor baris itu lagi.</source>
        <translation>%1 rows were not imported because of errors: save the report, correct the file, then import those rows again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/impor_steps.py" line="331"/>
        <source>Cadangan sebelum impor: %1</source>
        <translation>Backup before the import: %1</translation>
    </message>
</context>
<context>
    <name>RosterTable</name>
    <message>
        <location filename="../../app/ui/roster_table.py" line="37"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_table.py" line="38"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_table.py" line="39"/>
        <source>Segmen</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_table.py" line="40"/>
        <source>Sumber dana</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_table.py" line="41"/>
        <source>Upah</source>
        <translation>Wage</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_table.py" line="46"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>ServerSection</name>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="39"/>
        <source>Keadaan</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="40"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="41"/>
        <source>Kode desa</source>
        <translation>Village code</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="42"/>
        <source>Sinkron terakhir</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="43"/>
        <source>Menunggu dikirim</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="49"/>
        <source>Buka halaman Sinkr&amp;onisasi</source>
        <translation>Open the Sync &amp;page</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="53"/>
        <source>Menyambungkan komputer ini ke server kabupaten, menyinkronkan, dan memakai flashdisk dilakukan di halaman Sinkronisasi.</source>
        <translation>Connecting this computer to the kabupaten server, syncing and using a flash drive are done on the Sync page.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="78"/>
        <source>Belum tersambung ke server kabupaten</source>
        <translation>Not connected to the kabupaten server yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="82"/>
        <source>Tersambung</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="86"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/pengaturan_server.py" line="88"/>
        <source>%1 perubahan</source>
        <translation>%1 changes</translation>
    </message>
</context>
<context>
    <name>SinkronisasiPage</name>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="93"/>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="117"/>
        <source>Sambungan ke server kabupaten</source>
        <translation>Connection to the regency server</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="124"/>
        <source>Samb&amp;ungkan</source>
        <translation>Co&amp;nnect</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="126"/>
        <source>Kode pendaftaran dari petugas DPMD berlaku 24 jam, sekali pakai.</source>
        <translation>The enrollment code from the DPMD officer is valid for 24 hours and can be used once.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="132"/>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="133"/>
        <source>Kode pendaftaran</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="139"/>
        <source>Sambungkan &amp;ulang…</source>
        <translation>&amp;Reconnect…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="143"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="144"/>
        <source>Kode desa</source>
        <translation>Village code</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="145"/>
        <source>Perangkat</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="154"/>
        <source>Keadaan</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="158"/>
        <source>Sinkron terakhir</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="159"/>
        <source>Menunggu dikirim</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="160"/>
        <source>Konflik perlu ditinjau</source>
        <translation>Conflicts to review</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="161"/>
        <source>Dikarantina</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="162"/>
        <source>Ditahan</source>
        <translation>Held back</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="163"/>
        <source>Sinkron berikutnya</source>
        <translation>Next sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="173"/>
        <source>Sinkronkan &amp;sekarang</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="176"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="189"/>
        <source>Konflik (%1)</source>
        <translation>Conflicts (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="190"/>
        <source>Karantina (%1)</source>
        <translation>Quarantine (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="245"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="247"/>
        <source>%1 perubahan</source>
        <translation>%1 changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="258"/>
        <source>belum tersambung ke server</source>
        <translation>not connected to the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="260"/>
        <source>sedang berjalan</source>
        <translation>running now</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="262"/>
        <source>berhenti (lihat pesan di atas)</source>
        <translation>stopped (see the message above)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="263"/>
        <source>belum dijadwalkan</source>
        <translation>not scheduled yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="265"/>
        <source>coba lagi pukul %1</source>
        <translation>retry at %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="267"/>
        <source>pukul %1</source>
        <translation>at %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="273"/>
        <source>Isi alamat server dan kode pendaftaran dari DPMD.</source>
        <translation>Fill in the server address and the enrollment code from the DPMD.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="277"/>
        <source>Menyambungkan ke %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="287"/>
        <source>Tersambung ke server. Sinkron pertama dimulai.</source>
        <translation>Connected to the server. The first sync has started.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="297"/>
        <source>Sinkronisasi sedang berjalan.</source>
        <translation>A sync is already running.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="306"/>
        <source>Memulai sinkronisasi…</source>
        <translation>Starting sync…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="320"/>
        <source>Menghubungi server…</source>
        <translation>Contacting the server…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="321"/>
        <source>Mengirim perubahan %1 dari %2…</source>
        <translation>Sending change %1 of %2…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="322"/>
        <source>Mengambil perubahan dari server (%1)…</source>
        <translation>Fetching changes from the server (%1)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="323"/>
        <source>Memeriksa kecocokan data dengan server…</source>
        <translation>Checking the data against the server…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="324"/>
        <source>Mengambil daftar konflik dan karantina…</source>
        <translation>Fetching the conflict and quarantine lists…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="330"/>
        <source>Sinkron selesai: %1 perubahan dikirim, %2 diterima, %3 konflik terbuka, %4 dikarantina.</source>
        <translation>Sync finished: %1 changes sent, %2 received, %3 conflicts open, %4 quarantined.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="342"/>
        <source>Data diperbaiki dari server: %1.</source>
        <translation>Data repaired from the server: %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sinkronisasi.py" line="394"/>
        <source>Pilihan disimpan; dikirim ke server pada sinkron berikutnya.</source>
        <translation>Choices saved; they go to the server with the next sync.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="239"/>
        <source>Pilih berkas .xlsx, .xls, .ods atau .csv.</source>
        <translation>Choose an .xlsx, .xls, .ods or .csv file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="241"/>
        <source>Berkas ini tidak ada.</source>
        <translation>This file does not exist.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="259"/>
        <source>Pilih berkas untuk diimpor</source>
        <translation>Choose a file to import</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="260"/>
        <source>Lembar kerja (%1);;Semua berkas (*)</source>
        <translation>Spreadsheets (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="272"/>
        <source>Data awal</source>
        <translation>Starting data</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="273"/>
        <source>Daftar pekerja bisa diisi satu per satu atau diimpor.</source>
        <translation>The list of workers can be entered one by one or imported.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="274"/>
        <source>&amp;Mulai dengan daftar kosong</source>
        <translation>&amp;Start with an empty list</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="275"/>
        <source>&amp;Impor daftar pekerja dari lembar kerja</source>
        <translation>&amp;Import a list of workers from a spreadsheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="276"/>
        <source>&amp;Berkas (xlsx, xls, ods, csv):</source>
        <translation>&amp;File (xlsx, xls, ods, csv):</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="303"/>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="304"/>
        <source>Periksa lalu tekan Selesai untuk menyimpan.</source>
        <translation>Check, then press Finish to save.</translation>
    </message>
</context>
<context>
    <name>SyncScheduler</name>
    <message>
        <location filename="../../app/ui/sync_scheduler.py" line="139"/>
        <source>Belum tersambung ke server</source>
        <translation>Not connected to the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_scheduler.py" line="142"/>
        <source>Sinkron: %1</source>
        <translation>Sync: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_scheduler.py" line="146"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_scheduler.py" line="148"/>
        <source>%1 menunggu</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_scheduler.py" line="154"/>
        <source>%1 konflik</source>
        <translation>%1 conflicts</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_scheduler.py" line="160"/>
        <source>%1 dikarantina</source>
        <translation>%1 quarantined</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_scheduler.py" line="292"/>
        <source>Sinkronisasi dibatalkan.</source>
        <translation>Sync cancelled.</translation>
    </message>
</context>
<context>
    <name>SyncText</name>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="57"/>
        <source>Tanggal berakhir</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="58"/>
        <source>Terhapus</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="59"/>
        <source>NPP</source>
        <translation>NPP</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="60"/>
        <source>No. tanda terima</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="61"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="70"/>
        <source>Profil desa</source>
        <translation>Village profile</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="71"/>
        <source>Formasi</source>
        <translation>Posts</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="72"/>
        <source>Pekerja</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="73"/>
        <source>Ahli waris</source>
        <translation>Heir</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="74"/>
        <source>Kepesertaan</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="75"/>
        <source>Iuran</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="76"/>
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="77"/>
        <source>Tanda terima</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="78"/>
        <source>Pilihan konflik</source>
        <translation>Conflict choice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="86"/>
        <source>Isian berbeda</source>
        <translation>Different values</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="87"/>
        <source>Diubah di PC ini, sudah dihapus di server</source>
        <translation>Changed on this PC, already deleted on the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="88"/>
        <source>Dihapus di PC ini, sudah diubah di server</source>
        <translation>Deleted on this PC, already changed on the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="89"/>
        <source>NIK yang sama dicatat dua kali</source>
        <translation>The same NIK recorded twice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="100"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/sync_conflicts.py" line="101"/>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>VillageSetupDialog</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="81"/>
        <source>Payung Desa - Siapkan desa</source>
        <translation>Payung Desa - Set up the village</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="77"/>
        <source>Selamat datang. Isi data kantor desa sekali saja; semua data tersimpan di komputer ini dan tetap bisa dipakai tanpa internet.</source>
        <translation>Welcome. Fill in the village office&apos;s details once; all data is kept on this computer and works without internet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="40"/>
        <source>PP.KK.CC.DDDD, mis. 35.21.01.2001</source>
        <translation>PP.KK.CC.DDDD, e.g. 35.21.01.2001</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="43"/>
        <source>mis. Sukamaju</source>
        <translation>e.g. Sukamaju</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="38"/>
        <source>boleh diisi nanti</source>
        <translation>may be filled in later</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="45"/>
        <source>dipakai sebagai nama operator</source>
        <translation>used as the operator&apos;s name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/setup.py" line="48"/>
        <source>alamat kantor desa, boleh kosong</source>
        <translation>village office address, optional</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="75"/>
        <source>Selamat datang</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run_pages.py" line="83"/>
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="55"/>
        <source>Ubah data pekerja</source>
        <translation>Edit worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="55"/>
        <source>Tambah pekerja</source>
        <translation>Add worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="69"/>
        <source>16 angka dari KTP</source>
        <translation>16 digits from the ID card (KTP)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="70"/>
        <source>seperti tertulis di KTP</source>
        <translation>as written on the ID card</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="73"/>
        <location filename="../../app/ui/dialogs/worker.py" line="79"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="75"/>
        <source>16 angka dari Kartu Keluarga</source>
        <translation>16 digits from the family card</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="77"/>
        <source>— tidak diisi —</source>
        <translation>— not given —</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="80"/>
        <source>mis. Kasi Pemerintahan</source>
        <translation>e.g. Head of Government Affairs</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="81"/>
        <source>11 angka kartu BPJS TK, bila sudah ada</source>
        <translation>11 digits of the BPJS TK card, if any</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="82"/>
        <source>mis. 0812 3456 7890</source>
        <translation>e.g. 0812 3456 7890</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="85"/>
        <source>mis. 003</source>
        <translation>e.g. 003</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="86"/>
        <source>mis. 001</source>
        <translation>e.g. 001</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="93"/>
        <source>&amp;Data diri</source>
        <translation>&amp;Personal details</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="95"/>
        <source>&amp;Kepesertaan</source>
        <translation>&amp;Coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="98"/>
        <source>Simpan data diri dulu; lalu buka Ubah.</source>
        <translation>Save the personal details first, then open Edit.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="111"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/worker.py" line="111"/>
        <source>Batal</source>
        <translation>Cancel</translation>
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
