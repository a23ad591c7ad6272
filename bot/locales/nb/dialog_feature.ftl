dialog-cancelled = Greit, jeg har avbrutt sjekken og slettet svarene dine.
dialog-send-summary = 📨 Send svarene mine til en ansatt
dialog-delete-answers = 🗑 Nei takk, slett svarene
dialog-summary-offer = Vil du at en ansatt skal se svarene dine? Da sender jeg dem til de ansatte i boligkontoret, med fornavnet ditt. Ellers sletter jeg svarene.
dialog-answers-deleted = Svarene dine er slettet.
dialog-summary-sent = ✅ Svarene er sendt til en ansatt, og slettet her hos meg. Du får svar her i chatten.
dialog-summary-header = 📋 <b>Sjekk sendt av { $name }</b> (Telegram-ID { $id }, språk { $language }) med samtykke
    Sjekk: { $dialog } – resultat: { $outcome }
dialog-mydata = En sjekk du har begynt på ({ $dialog }). Svarene slettes når sjekken er ferdig eller etter et døgn.
dialog-delete-answers-now = 🗑 Slett svarene mine
dialog-summary-contact-office = Vil du snakke med noen om dette? Ta kontakt med { $office_name }: telefon { $office_phone }, e-post { $office_email }. Åpent: { $office_hours }. Svarene dine slettes her når du går videre.
dialog-question-again = Her er spørsmålet igjen, i tilfelle det ikke kom fram:
