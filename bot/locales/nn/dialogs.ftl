# Strings of the screening-dialog engine (bot/core/dialogs). The dialogs' own texts are in dialogs/*.yaml.
dialog-back = ◀️ Tilbake
dialog-cancel = ✖️ Avbryt
dialog-continue = Hald fram ▶️
dialog-progress = Spørsmål { $n } av { $total }
dialog-yes = Ja
dialog-no = Nei
dialog-unsure = Veit ikkje
dialog-sensitive = Dette spørsmålet er frivillig. Du kan heller snakke med ein tilsett. Svaret ditt blir ikkje lagra.
dialog-guidance = Dette er rettleiing, ikkje ei avgjerd. { $decides }

# Shown in front of the question when the answer could not be used.
dialog-hint-buttons = Trykk på ein av knappane under. Du kan også skrive svaret slik det står på knappen.
dialog-hint-info = Trykk «{ $button }» for å gå vidare.
dialog-type-number =
    { $unit ->
        [none] ✏️ Skriv svaret som eit tal.
       *[other] ✏️ Skriv svaret som eit tal ({ $unit }).
    }
dialog-type-date = ✏️ Skriv ein dato, til dømes 12.03.2027 eller «i morgon».
dialog-type-text = ✏️ Skriv svaret med dine eigne ord.

dialog-number-empty = Eg fekk ikkje noko svar. Skriv eit tal, til dømes 12 000.
dialog-number-not-a-number = Eg fann ikkje noko tal i svaret. Skriv berre talet, til dømes 12 000.
dialog-number-range = Eg treng eitt tal, ikkje eit spenn. Skriv det beste anslaget ditt, til dømes 12 000.
dialog-number-several = Eg fann fleire tal i svaret. Skriv berre eitt tal.
dialog-number-ambiguous = Eg er usikker på korleis talet skal lesast. Skriv det utan komma, til dømes 12000 eller 12,5.
dialog-number-not-whole = Skriv eit heilt tal, utan komma.
dialog-number-too-small = Talet er for lite. Det må vere minst { $min }.
dialog-number-too-large = Talet er for stort. Det kan vere høgst { $max }.

dialog-date-empty = Eg fekk ikkje nokon dato. Skriv til dømes 12.03.2027.
dialog-date-ambiguous = Eg er usikker på kva dato du meiner. Skriv dag, månad og år, til dømes 12.03.2027.
dialog-date-invalid = Den datoen finst ikkje. Sjekk dag og månad, til dømes 12.03.2027.
dialog-date-mismatch = Vekedagen og datoen passar ikkje saman. Skriv berre datoen, til dømes 12.03.2027.
dialog-date-unknown = Eg skjønte ikkje datoen. Skriv han som 12.03.2027.
dialog-date-no-date = Eg treng ein dato, ikkje berre eit klokkeslett. Skriv til dømes 12.03.2027.
dialog-date-too-early = Datoen kan ikkje vere før { $date }.
dialog-date-too-late = Datoen kan ikkje vere etter { $date }.

dialog-text-empty = Skriv gjerne nokre ord, eller trykk Tilbake.
dialog-text-too-long = Det vart litt langt. Skriv kortare, høgst { $max } teikn.
