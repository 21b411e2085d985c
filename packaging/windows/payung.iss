; Payung Desa: Windows installer (Inno Setup 6) for the one-folder build in dist\payung.
;
; Build on Windows from the repository root, after the PyInstaller build (packaging\README.md):
;   iscc /DAppVersion=x.y.z packaging\windows\payung.iss
; The version comes from app\__init__.py only: pass it with /DAppVersion (the README shows the
; one-liner that reads it), or leave it out and it is read from dist\payung\payung.exe, whose
; version resource packaging\payung.spec writes from the same __version__.
;
; USER DATA: the app keeps the village database, backups, logs and settings in the user's data
; folder %LOCALAPPDATA%\PayungDesa (platformdirs, app\config.py), NEVER in {app}. An upgrade only
; replaces the program folder, and the uninstaller removes only the program folder: the data
; folder is deliberately absent from [UninstallDelete] and must stay so.

#define AppName "Payung Desa"
#define AppExe "payung.exe"
#define DistDir "..\..\dist\payung"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AddBackslash(SourcePath) + DistDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error Version unknown: build dist\payung first or pass /DAppVersion=x.y.z
#endif

[Setup]
; Fixed for ever: Windows recognises an upgrade of the same app by this id.
AppId={{6F1C3E2A-9B4D-4E57-A8C1-3D2B7F5E9A14}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Payung Desa
DefaultDirName={autopf}\Payung Desa
DefaultGroupName=Payung Desa
DisableProgramGroupPage=yes
; An administrator installs for every user; without administrator rights (common on a village
; office PC) the first page offers an install for the current user only.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=PayungDesa-{#AppVersion}-setup
SetupIconFile=..\icons\payung.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open window would hold files of the old version during an upgrade.
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.DataKept=Data desa Anda tidak dihapus. Data tetap tersimpan di:%n%1%n%nPasang Payung Desa lagi untuk memakainya, atau hapus folder itu sendiri bila benar-benar tidak diperlukan.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade starts from a clean program folder: a module dropped by the new version must not
; linger. Only {app}: the user's data is elsewhere (see the top of this file).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes what [Files] installed and
; nothing else, so %LOCALAPPDATA%\PayungDesa (the database and its backups) survives.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\PayungDesa')]),
      mbInformation, MB_OK);
end;
