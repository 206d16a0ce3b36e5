#!/usr/bin/env bash
# Parc Solidaire — script du poste de travail (docs/operations.md, « Le script du poste de travail »).
#
# Lancé depuis un système live (clé USB) sur la machine en reconditionnement, il envoie au service :
#   - l'inventaire matériel (lshw -json) ;
#   - le rapport SMART de chaque disque (smartctl -j -a) ;
#   - si on le demande, le journal de nwipe après l'effacement des disques NOMMÉS sur la ligne de commande,
#     après confirmation tapée au clavier. Sans liste de disques, nwipe n'est jamais lancé.
#
# Usage :
#   bash workbench.sh --server https://parc.example.org --machine PS-2026-00042 --code ABCD-EFGH-JKLM \
#        [--wipe /dev/sda [--wipe /dev/sdb ...]] [--method zero|random|dodshort] [--no-smart]
# Le code (jeton) est préparé sur la page de la machine (« Préparer le poste de travail ») ; il ne vaut que pour
# cette machine, deux heures. Il peut aussi venir de la variable PARC_CODE.
set -u
umask 077

SERVER=""
MACHINE=""
CODE="${PARC_CODE:-}"
METHOD="zero"
SMART=1
WIPE=()

say() { printf '%s\n' "$*"; }
fail() { printf 'Erreur : %s\n' "$*" >&2; exit "${2:-1}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --server) SERVER="${2:-}"; shift 2 || fail "--server demande l'adresse du service." 2 ;;
    --machine) MACHINE="${2:-}"; shift 2 || fail "--machine demande un numéro d'inventaire." 2 ;;
    --code) CODE="${2:-}"; shift 2 || fail "--code demande le code du poste de travail." 2 ;;
    --method) METHOD="${2:-}"; shift 2 || fail "--method demande une méthode nwipe." 2 ;;
    --no-smart) SMART=0; shift ;;
    --wipe)
      case "${2:-}" in
        /dev/?*) WIPE+=("$2"); shift 2 ;;
        *) fail "--wipe doit être suivi d'un disque (par exemple --wipe /dev/sda) : nwipe n'est jamais lancé sans liste de disques." 2 ;;
      esac ;;
    --autonuke|--wipe-all|--nwipe)
      fail "refusé : nwipe n'efface que les disques nommés un par un (--wipe /dev/sdX), jamais tous les disques." 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) fail "option inconnue : $1 (voir --help)." 2 ;;
  esac
done

[ -n "$SERVER" ] || fail "indiquez l'adresse du service (--server https://…)." 2
[ -n "$MACHINE" ] || fail "indiquez le numéro d'inventaire de la machine (--machine PS-…)." 2
[ -n "$CODE" ] || fail "indiquez le code du poste de travail (--code XXXX-XXXX-XXXX), affiché sur la page de la machine." 2
case "$METHOD" in zero|one|random|dodshort|dod522022m|ops2|is5enh|gutmann) ;; *) fail "méthode nwipe inconnue : $METHOD" 2 ;; esac
command -v curl >/dev/null || fail "curl est introuvable sur ce système live."
SERVER="${SERVER%/}"
MACHINE="$(printf '%s' "$MACHINE" | tr '[:lower:]' '[:upper:]')"
WORK="$(mktemp -d)" || fail "impossible de créer un dossier temporaire."
trap 'rm -rf "$WORK"' EXIT
FAILURES=0

# Posts a file to the machine's route; prints the service's French message. $1 route, $2 file, $3 name, $4 type.
post() {
  local url="$SERVER/api/v1/machines/$MACHINE/$1?name=$3" answer status
  answer="$WORK/answer.json"
  status="$(curl -sS -o "$answer" -w '%{http_code}' -X POST -H "Authorization: Bearer $CODE" \
    -H "Content-Type: $4" --data-binary "@$2" "$url")" || { say "  le service ne répond pas ($SERVER)."; FAILURES=$((FAILURES + 1)); return 1; }
  local message
  message="$(sed -n 's/.*"message":"\([^"]*\)".*/\1/p' "$answer" | head -n 1)"
  case "$status" in
    200|201) say "  reçu (${status})${message:+ : $message}" ;;
    401|403) say "  refusé (${status}) : ${message:-jeton refusé}"; exit 3 ;;
    *) say "  refusé (${status})${message:+ : $message}"; FAILURES=$((FAILURES + 1)); return 1 ;;
  esac
}

say "Machine $MACHINE, service $SERVER"

# 1. Hardware. lshw prints a list from B.02.18 and an object before; the service reads both.
if command -v lshw >/dev/null; then
  [ "$(id -u)" -eq 0 ] || say "Attention : sans les droits administrateur, lshw ne voit pas les n° de série des disques."
  say "Inventaire matériel (lshw)…"
  if lshw -json -quiet >"$WORK/lshw.json" 2>"$WORK/lshw.err" && [ -s "$WORK/lshw.json" ]; then
    post hardware "$WORK/lshw.json" lshw.json application/json
  else
    say "  lshw a échoué : $(head -c 300 "$WORK/lshw.err")"; FAILURES=$((FAILURES + 1))
  fi
else
  say "lshw est introuvable : l'inventaire matériel n'est pas envoyé (paquet lshw)."; FAILURES=$((FAILURES + 1))
fi

# 2. SMART, disk by disk. A virtual disk (or a USB bridge) may give none: say so and go on.
if [ "$SMART" -eq 1 ]; then
  if command -v smartctl >/dev/null; then
    mapfile -t DISKS < <(smartctl --scan 2>/dev/null | awk '$1 ~ /^\/dev\// {print $1}')
    if [ "${#DISKS[@]}" -eq 0 ] && command -v lsblk >/dev/null; then
      mapfile -t DISKS < <(lsblk -dnpo NAME,TYPE 2>/dev/null | awk '$2 == "disk" && $1 !~ /zram|\/ram/ {print $1}')
    fi
    if [ "${#DISKS[@]}" -eq 0 ]; then
      say "Aucun disque SMART trouvé (smartctl --scan ne voit rien) : aucun rapport SMART envoyé."
    fi
    SENT=0
    for disk in "${DISKS[@]}"; do
      name="smartctl-$(basename "$disk").json"
      smartctl -j -a "$disk" >"$WORK/$name" 2>/dev/null
      rc=$?
      # Bits 0-1 of smartctl's status: the command line or the device could not be read; nothing to report.
      if [ $((rc & 3)) -ne 0 ] || ! grep -q '"serial_number"' "$WORK/$name"; then
        reason="$(sed -n 's/.*"string": *"\([^"]*\)".*/\1/p' "$WORK/$name" | head -n 1)"
        say "Pas de données SMART pour $disk${reason:+ ($reason)} : rapport non envoyé."
        continue
      fi
      say "Rapport SMART de $disk…"
      post smart "$WORK/$name" "$name" application/json && SENT=$((SENT + 1))
    done
    [ "${#DISKS[@]}" -eq 0 ] || say "$SENT rapport(s) SMART envoyé(s) sur ${#DISKS[@]} disque(s)."
  else
    say "smartctl est introuvable (paquet smartmontools) : aucun rapport SMART envoyé."
  fi
fi

# 3. Wiping, only the disks named one by one, after a typed confirmation.
if [ "${#WIPE[@]}" -gt 0 ]; then
  command -v nwipe >/dev/null || fail "nwipe est introuvable : rien n'a été effacé."
  for disk in "${WIPE[@]}"; do
    [ -b "$disk" ] || fail "$disk n'est pas un disque de cette machine : rien n'a été effacé."
    if findmnt -rno SOURCE 2>/dev/null | grep -q "^$disk"; then
      fail "$disk est monté (peut-être la clé live elle-même) : rien n'a été effacé."
    fi
  done
  say ""
  say "ATTENTION : les disques suivants vont être EFFACÉS DÉFINITIVEMENT (méthode $METHOD, vérification de la dernière passe) :"
  for disk in "${WIPE[@]}"; do say "  $disk $(lsblk -dno MODEL,SERIAL,SIZE "$disk" 2>/dev/null)"; done
  if [ ! -r /dev/tty ]; then
    fail "pas de terminal pour confirmer : rien n'a été effacé." 4
  fi
  printf 'Pour confirmer, tapez le numéro de la machine (%s) : ' "$MACHINE" >/dev/tty
  read -r answer </dev/tty || answer=""
  [ "$(printf '%s' "$answer" | tr '[:lower:]' '[:upper:]')" = "$MACHINE" ] || fail "confirmation différente : rien n'a été effacé." 4
  LOG="$WORK/nwipe_log_$(date +%Y%m%d-%H%M%S).txt"
  # --autonuke with an explicit device list wipes those devices only; the list is never empty here.
  nwipe --autonuke --nogui --nowait --method="$METHOD" --verify=last --logfile="$LOG" "${WIPE[@]}"
  say "nwipe a terminé (code $?). Envoi du journal…"
  post erasure-logs "$LOG" "$(basename "$LOG")" text/plain
fi

if [ "$FAILURES" -gt 0 ]; then
  say "Terminé avec $FAILURES envoi(s) refusé(s) ou en échec : voir les messages ci-dessus."
  exit 1
fi
say "Terminé : voir la page de la machine $SERVER/m/$MACHINE"
