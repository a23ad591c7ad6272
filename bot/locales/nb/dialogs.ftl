# Strings of the screening-dialog engine (bot/core/dialogs). The dialogs' own texts are in dialogs/*.yaml.
dialog-back = ◀️ Tilbake
dialog-cancel = ✖️ Avbryt
dialog-continue = Fortsett ▶️
dialog-progress = Spørsmål { $n } av { $total }
dialog-yes = Ja
dialog-no = Nei
dialog-unsure = Vet ikke
dialog-sensitive = Dette spørsmålet er frivillig. Du kan heller snakke med en ansatt. Svaret ditt lagres ikke.
dialog-guidance = Dette er veiledning, ikke en avgjørelse. { $decides }

# Shown in front of the question when the answer could not be used.
dialog-hint-buttons = Trykk på en av knappene under. Du kan også skrive svaret slik det står på knappen.
dialog-hint-info = Trykk «{ $button }» for å gå videre.
dialog-type-number =
    { $unit ->
        [none] ✏️ Skriv svaret som et tall.
       *[other] ✏️ Skriv svaret som et tall ({ $unit }).
    }
dialog-type-date = ✏️ Skriv en dato, for eksempel 12.03.2027 eller «i morgen».
dialog-type-text = ✏️ Skriv svaret med dine egne ord.

dialog-number-empty = Jeg fikk ikke noe svar. Skriv et tall, for eksempel 12 000.
dialog-number-not-a-number = Jeg fant ikke noe tall i svaret. Skriv bare tallet, for eksempel 12 000.
dialog-number-range = Jeg trenger ett tall, ikke et spenn. Skriv ditt beste anslag, for eksempel 12 000.
dialog-number-several = Jeg fant flere tall i svaret. Skriv bare ett tall.
dialog-number-ambiguous = Jeg er usikker på hvordan tallet skal leses. Skriv det uten komma, for eksempel 12000 eller 12,5.
dialog-number-not-whole = Skriv et helt tall, uten komma.
dialog-number-too-small = Tallet er for lite. Det må være minst { $min }.
dialog-number-too-large = Tallet er for stort. Det kan være høyst { $max }.

dialog-date-empty = Jeg fikk ikke noen dato. Skriv for eksempel 12.03.2027.
dialog-date-ambiguous = Jeg er usikker på hvilken dato du mener. Skriv dag, måned og år, for eksempel 12.03.2027.
dialog-date-invalid = Den datoen finnes ikke. Sjekk dag og måned, for eksempel 12.03.2027.
dialog-date-mismatch = Ukedagen og datoen passer ikke sammen. Skriv bare datoen, for eksempel 12.03.2027.
dialog-date-unknown = Jeg skjønte ikke datoen. Skriv den som 12.03.2027.
dialog-date-no-date = Jeg trenger en dato, ikke bare et klokkeslett. Skriv for eksempel 12.03.2027.
dialog-date-too-early = Datoen kan ikke være før { $date }.
dialog-date-too-late = Datoen kan ikke være etter { $date }.

dialog-text-empty = Skriv gjerne noen ord, eller trykk Tilbake.
dialog-text-too-long = Det ble litt langt. Skriv kortere, høyst { $max } tegn.
