### Tips om ledige bustader: det abonnentane les.

menu-tips = 🔑 Tips om ledige bustader
tips-menu-offer = 🏠 Dei tilsette ser etter ledige utleigebustader kvar dag. Vil du få tips her når dei finn noko? Du kan melde deg av når som helst.
tips-menu-subscribed = 🏠 Du får tips om ledige bustader. Vil du slutte å få dei?
tips-btn-subscribe = 🔔 Ja, send meg tips
tips-btn-subscribe-again = 🔔 Meld meg på igjen
tips-btn-unsubscribe = 🔕 Ikkje send fleire tips
tips-btn-menu = ↩️ Meny
tips-subscribed = ✅ No får du tips om ledige bustader her. Under kvart tips er det ein knapp du kan trykkje på for å melde deg av.
tips-unsubscribed = Greitt, du får ikkje fleire tips om ledige bustader.
tips-data-subscribed = Du får tips om ledige bustader.
tips-heading = 🏠 <b>Tips om ledig bustad frå { $office }</b>
