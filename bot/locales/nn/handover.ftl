### Snakk med ein tilsett: det personen les.

handover-unavailable = Du kan ikkje skrive til dei tilsette her i chatten. Ta kontakt med { $office_name } direkte: telefon { $office_phone }, e-post { $office_email }. Opningstid: { $office_hours }.
handover-ask = 💬 Skriv det du vil seie til dei tilsette, i éi melding. Ikkje skriv helseopplysningar eller personnummer her. Eg sender meldinga vidare med førenamnet ditt, og svaret kjem her i chatten.
handover-next-opening = { $weekday } kl. { $time }
handover-closed =
    🕑 Kontoret er stengt no. Du kan skrive likevel – vi svarer når vi opnar igjen, { $when }. Opningstid: { $hours }.
    Hastar det?
    • Ring <b>113</b> viss nokon er sjuk eller skadd, <b>112</b> for politiet.
    • Har du ikkje ein stad å sove i natt: { $nav_after_hours }. NAV: { $nav_national_phone }.
handover-btn-cancel = ✖️ Avbryt
handover-btn-end = ✅ Avslutt samtalen
handover-btn-menu = ↩️ Meny
handover-text-only = Eg kan berre sende tekst vidare til dei tilsette. Skriv gjerne med ord det du ville vise.
handover-sent-first = ✅ Sendt til dei tilsette. Svaret kjem her. Alt du skriv no, går til dei heilt til samtalen er avslutta.
handover-sent = ✅ Sendt til dei tilsette.
handover-failed = Orsak, eg fekk ikkje sendt meldinga di til dei tilsette. Ta kontakt med { $office_name }: telefon { $office_phone }.
handover-cancelled = Greitt, eg har ikkje sendt noko.
handover-still-open = Samtalen med dei tilsette er framleis open: det du skriv, går til dei. Vil du avslutte samtalen?
handover-already-closed = Denne samtalen er allereie avslutta.
handover-closed-by-person = Samtalen med dei tilsette er avslutta. No svarer eg deg sjølv igjen.
handover-closed-by-staff = Dei tilsette har avslutta samtalen. Skriv eit spørsmål, eller vel «Snakk med ein tilsett» i menyen om du vil skrive til dei igjen.
handover-reopened = 💬 Ein tilsett har opna samtalen igjen. Det du skriv no, går til dei tilsette.
handover-answer = 💬 <b>Svar frå { $office }:</b>
handover-data =
    { $status ->
        [asking] Du har bede om å snakke med ein tilsett. Meldingane dine blir ikkje lagra hos meg.
       *[open] Du har ein open samtale med dei tilsette. Meldingane dine blir ikkje lagra hos meg, berre at samtalen finst.
    }
