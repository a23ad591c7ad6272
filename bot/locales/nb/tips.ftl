### Tips om ledige boliger: det abonnentene leser.

menu-tips = 🔑 Tips om ledige boliger
tips-menu-offer = 🏠 De ansatte ser etter ledige utleieboliger hver dag. Vil du få tips her når de finner noe? Du kan melde deg av når som helst.
tips-menu-subscribed = 🏠 Du får tips om ledige boliger. Vil du slutte å få dem?
tips-btn-subscribe = 🔔 Ja, send meg tips
tips-btn-subscribe-again = 🔔 Meld meg på igjen
tips-btn-unsubscribe = 🔕 Ikke send flere tips
tips-btn-menu = ↩️ Meny
tips-subscribed = ✅ Nå får du tips om ledige boliger her. Under hvert tips er det en knapp for å melde seg av.
tips-unsubscribed = Greit, du får ikke flere tips om ledige boliger.
tips-data-subscribed = Du får tips om ledige boliger.
tips-heading = 🏠 <b>Tips om ledig bolig fra { $office }</b>
