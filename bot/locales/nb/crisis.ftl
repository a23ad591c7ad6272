crisis-card =
    ⚠️ <b>Trenger du hjelp nå?</b>
    • Ring <b>113</b> hvis noen er syke eller skadet, eller står i fare for å ta sitt eget liv.
    • Ring <b>112</b> hvis du trenger politiet. Ring <b>110</b> ved brann.
    • Har du ikke et sted å sove i natt? Da skal NAV hjelpe deg å finne et midlertidig sted å bo, uansett hvorfor. Kontakt { $nav_office }: { $nav_phone }, { $nav_address } ({ $nav_hours }). Du kan også ringe NAV på { $nav_national_phone }. Utenom åpningstid: { $nav_after_hours }.
    Du kan også snakke med en ansatt her.
