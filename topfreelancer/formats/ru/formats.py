# Django's formats for Russian, made to agree with topfreelancer.formats: no "г." (whose full stop
# doubled at a sentence end: "29 января 2027 г..").
DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATETIME_FORMAT = "j E Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"
