### Det de ansatte leser: ansattmeny, ansatte og statistikk (bare bokmål og engelsk).

staff-menu = 🧑‍💼 Ansattmeny
staff-btn-tips = 📣 Send tips om ledig bolig
staff-btn-stats = 📊 Statistikk
staff-btn-meetups = 📅 Treff
staff-btn-agreements = 📝 Avtaler
staff-btn-manage = 👥 Ansatte
staff-btn-open-menu = 🧑‍💼 Åpne ansattmenyen
staff-list = Administratorer (fra oppsettet): { $admins }. Ansatte lagt til her: { $count }. Trykk på en ansatt for å fjerne tilgangen.
staff-add-how = Skriv /ansatte fulgt av Telegram-ID-en, for eksempel /ansatte 123456789. En Telegram-ID er et tall (bare sifrene 0–9, ikke 0). Du kan også lage en invitasjonslenke med knappen under.
staff-added = ✅ { $id } er lagt til som ansatt.
staff-already = { $id } er allerede ansatt.
staff-btn-remove = ✖️ Fjern { NUMBER($id, useGrouping: 0) }
staff-btn-invite = ➕ Lag invitasjonslenke
staff-invite =
    Send denne lenken til den nye ansatte. Den virker én gang og i { $hours } timer:
    { $link }
staff-remove-confirm = Fjerne tilgangen for { $id }?
staff-btn-remove-yes = Ja, fjern
staff-btn-back = ↩️ Tilbake
staff-removed = { $id } er ikke ansatt lenger.
staff-not-member = { $id } var ikke på listen.
staff-invite-invalid = Denne invitasjonen er brukt eller utløpt. Be en administrator om en ny.
staff-invite-already = Du har allerede tilgang som ansatt. Skriv /ansatt for ansattmenyen.
staff-welcome = ✅ Velkommen! Du har nå tilgang som ansatt. Skriv /ansatt for ansattmenyen.
staff-data-member = Du er registrert som ansatt (Telegram-ID-en din).
staff-data-audit = Loggen over handlinger i de ansattes verktøy nevner deg i { $count ->
        [one] { $count } rad
       *[other] { $count } rader
    }: hva du gjorde og når, uten tekst du skrev. Den lagres i { $days } dager. /slett tar bort Telegram-ID-en din fra den, men ikke radene.
delete-warning-staff = ⚠️ Du er ansatt. Sletter du alt, mister du tilgangen som ansatt med en gang, og tips du ikke har sendt, blir borte. Tips som er sendt, og loggen over hva du gjorde som ansatt, blir liggende uten Telegram-ID-en din, og påminnelser om avtaler du følger opp, går til gruppechatten for ansatte. En administrator må legge deg til på nytt hvis du skal ha tilgang igjen.
delete-warning-admin = ⚠️ Du er administrator i oppsettet (bot.admin_ids). /slett sletter dataene dine og tips du ikke har sendt, men ikke administratortilgangen: den kan bare fjernes i oppsettet.
stats-title = 📊 <b>Statistikk</b>
stats-users = Brukere: { $total } (aktive siste 30 dager: { $active })
stats-faq = Spørsmål besvart: { $answered }. Ubesvarte eller usikre (lagret): { $unanswered }
stats-top-unanswered = Vanligste ubesvarte spørsmål:
stats-dialogs = Sjekker (startet / fullført, utfall):
stats-dialog = • { $dialog }: { $started } / { $finished } ({ $detail })
stats-none = • ingen ennå
stats-reminders = Treff: abonnenter { $meetup }. Avtaler som løper: { $agreements } (koblet til Telegram: { $linked })
stats-tips = Tips: abonnenter { $tips }
stats-outbox = Meldinger i utboksen: venter { $pending }, sendt { $sent }, feilet { $failed }, ukjent { $unknown }
stats-handover = Samtaler med ansatte: åpne { $open }, lukket { $closed }
stats-broadcasts = Siste tips:
stats-broadcast = • { NUMBER($id, useGrouping: 0) } ({ $date }, { $status }): { $total } mottakere, levert { $sent }, blokkert { $blocked }, feilet { $failed }, gjenstår { $pending }
