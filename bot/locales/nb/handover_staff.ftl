### Det de ansatte leser om saker (samtaler med de ansatte): bare bokmål og engelsk.

handover-staff-post = 💬 <b>{ $name }</b> ({ $language }) · sak { NUMBER($thread, useGrouping: 0) } · svar på denne meldingen for å svare
handover-btn-close = ✅ Lukk saken
handover-staff-person-closed = { $name } avsluttet samtalen (sak { NUMBER($thread, useGrouping: 0) }).
handover-staff-thread-closed = Denne saken er lukket.
handover-staff-blocked = Kunne ikke levere: personen har blokkert boten. Saken er lukket.
handover-staff-failed = Kunne ikke levere svaret akkurat nå. Prøv igjen om litt.
handover-staff-text-only = Bare tekst kommer fram til personen. Skriv svaret som tekst, som svar på en melding i saken.
handover-close-how = Svar på en melding i saken med /lukk, eller skriv /lukk og saksnummeret.
handover-staff-closed = Sak { NUMBER($thread, useGrouping: 0) } er lukket av { $by }.
handover-staff-closed-short = Saken er lukket
handover-staff-undelivered = Svaret kom ikke fram etter flere forsøk. Personen har ikke fått det; prøv igjen senere, eller ta kontakt på annen måte.
handover-staff-unknown = Vet ikke om svaret kom fram: Telegram svarte ikke i tide. Det sendes ikke på nytt, for å unngå at personen får det to ganger.
handover-staff-not-linked = Dette svaret gikk ikke til noen: meldingen du svarte på, hører ikke til en sak. Svar på innlegget med saksnummeret, eller skriv /lukk og saksnummeret.
handover-staff-desk-answer = 💬 { $by } svarte på skrivebordet (sak { NUMBER($thread, useGrouping: 0) }):
handover-staff-desk-closed = Sak { NUMBER($thread, useGrouping: 0) } er lukket på skrivebordet av { $by }.
handover-staff-desk-reopened = Sak { NUMBER($thread, useGrouping: 0) } er åpnet igjen på skrivebordet av { $by }.
