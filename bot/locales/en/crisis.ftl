crisis-card =
    ⚠️ <b>Do you need help now?</b>
    • Call <b>113</b> if someone is ill or injured, or at risk of taking their own life.
    • Call <b>112</b> if you need the police. Call <b>110</b> in case of fire.
    • No safe place to sleep tonight? NAV must help you find a temporary place to stay, whatever the reason. Contact { $nav_office }: { $nav_phone }, { $nav_address } ({ $nav_hours }). You can also call NAV on { $nav_national_phone }. Outside opening hours: { $nav_after_hours }.
    You can also talk to a member of staff here.
