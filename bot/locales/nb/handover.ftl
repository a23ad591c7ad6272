### Snakk med en ansatt: det personen leser.

handover-unavailable = Du kan ikke skrive til de ansatte her i chatten. Ta kontakt med { $office_name } direkte: telefon { $office_phone }, e-post { $office_email }. Åpent: { $office_hours }.
handover-ask = 💬 Skriv meldingen din til de ansatte i én melding. Skriv ikke helseopplysninger eller personnummer her. Jeg sender den videre med fornavnet ditt, og svaret kommer her i chatten.
handover-next-opening = { $weekday } kl. { $time }
handover-closed =
    🕑 Kontoret er stengt nå. Du kan skrive likevel – vi svarer når vi åpner igjen, { $when }. Åpningstid: { $hours }.
    Haster det?
    • Ring <b>113</b> hvis noen er syke eller skadet, <b>112</b> for politiet.
    • Har du ikke et sted å sove i natt: { $nav_after_hours }. NAV: { $nav_national_phone }.
handover-btn-cancel = ✖️ Avbryt
handover-btn-end = ✅ Avslutt samtalen med de ansatte
handover-btn-menu = ↩️ Meny
handover-text-only = Jeg kan bare sende tekst videre til de ansatte. Skriv gjerne det du ville vise med ord.
handover-sent-first = ✅ Sendt til de ansatte. Svaret kommer her. Alt du skriver nå går til dem, til samtalen er avsluttet.
handover-sent = ✅ Sendt til de ansatte.
handover-failed = Beklager, jeg fikk ikke sendt meldingen din til de ansatte. Ta kontakt med { $office_name }: telefon { $office_phone }.
handover-cancelled = Greit, jeg sendte ingenting.
handover-still-open = Samtalen med de ansatte er fortsatt åpen: det du skriver, går til dem. Vil du avslutte den?
handover-already-closed = Denne samtalen er allerede avsluttet.
handover-closed-by-person = Samtalen med de ansatte er avsluttet. Nå svarer jeg igjen selv.
handover-closed-by-staff = De ansatte har avsluttet samtalen. Skriv et spørsmål, eller velg «Snakk med en ansatt» i menyen hvis du vil skrive til dem igjen.
handover-reopened = 💬 En ansatt har åpnet samtalen igjen. Det du skriver nå, går til de ansatte.
handover-answer = 💬 <b>Svar fra { $office }:</b>
handover-data =
    { $status ->
        [asking] Du har bedt om å snakke med en ansatt. Meldingene dine lagres ikke hos meg.
       *[open] Du har en åpen samtale med de ansatte. Meldingene dine lagres ikke hos meg, bare at samtalen finnes.
    }
