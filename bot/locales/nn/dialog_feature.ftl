dialog-cancelled = Greitt, eg har avbrote sjekken og sletta svara dine.
dialog-send-summary = 📨 Send svara mine til ein tilsett
dialog-delete-answers = 🗑 Nei takk, slett svara
dialog-summary-offer = Vil du at ein tilsett skal sjå svara dine? Då sender eg dei til dei tilsette på bustadkontoret, med førenamnet ditt. Elles slettar eg svara.
dialog-answers-deleted = Svara dine er sletta.
dialog-summary-sent = ✅ Svara er sende til ein tilsett, og sletta her hos meg. Du får svar her i chatten.
dialog-summary-header = 📋 <b>Sjekk send av { $name }</b> (Telegram-ID { $id }, språk { $language }) med samtykke
    Sjekk: { $dialog } – resultat: { $outcome }
dialog-mydata = Ein sjekk du har byrja på ({ $dialog }). Svara blir sletta når sjekken er ferdig eller etter eit døgn.
dialog-delete-answers-now = 🗑 Slett svara mine
dialog-summary-contact-office = Vil du snakke med nokon om dette? Ta kontakt med { $office_name }: telefon { $office_phone }, e-post { $office_email }. Opningstid: { $office_hours }. Svara dine blir sletta her når du går vidare.
dialog-question-again = Her er spørsmålet igjen, i tilfelle det ikkje kom fram:
