"""The columns of the Deportation Data Project's processed detainer file (`detainers-latest.parquet` / `.xlsx`), as
its script `detainers-latest.R` (deportationdata/ice at 533ccce, CC0) makes them: ICE's column names cleaned by
janitor::clean_names, eleven of them renamed "to match Oct 2025 release", and four columns it adds at the end.

Kinds, from the script: "date" columns are read as dates and kept as dates where they hold no time of day (else
date-times); "numeric" are numbers (birth_year made an integer); everything else is text. The script drops columns
that are entirely blank or redacted, so a real file can lack some of these; the loader requires only the ones its
views use."""

from __future__ import annotations

import pyarrow as pa

# (ICE's header, the published column name, kind)
COLUMNS: list[tuple[str, str, str]] = [
    ("Detainer Prepare Date", "detainer_prepare_date", "date"),
    ("Facility State", "facility_state", "text"),
    ("Facility AOR", "facility_aor", "text"),
    ("Port of Departure", "port_of_departure", "text"),
    ("Departure Country", "departure_country", "text"),
    ("Departed Date", "departed_date", "date"),
    ("Case Status", "case_status", "text"),
    ("Detainer Criminality", "detainer_prepared_criminality", "text"),
    ("Detainer Facility", "detention_facility", "text"),
    ("Detainer Facility Code", "detention_facility_code", "text"),
    ("Facility City", "facility_city", "text"),
    ("Detainer Threat Level", "detainer_prep_threat_level", "text"),
    ("Gender", "gender", "text"),
    ("Citizenship Country", "citizenship_country", "text"),
    ("Birth Country", "birth_country", "text"),
    ("Birth Date", "birth_date", "text"),
    ("Birth Year", "birth_year", "integer"),
    ("Entry Status", "entry_status", "text"),
    ("MSC Charge", "most_serious_conviction_charge", "text"),
    ("MSC Sentence Days", "msc_sentence_days", "numeric"),
    ("MSC Sentence Months", "msc_sentence_months", "numeric"),
    ("MSC Sentence Years", "msc_sentence_years", "numeric"),
    ("MSC Charge Code", "msc_charge_code", "text"),
    ("MSC Charge Date", "msc_charge_date", "date"),
    ("MSC Conviction Date", "msc_conviction_date", "date"),
    ("Aggravated Felon Yes No", "felon", "text"),
    ("Processing Disposition", "processing_disposition", "text"),
    ("Case Category", "case_category", "text"),
    ("TOA Case Category", "arrest_time_case_category", "text"),
    ("TOA Current Program", "arrest_time_current_program", "text"),
    ("Apprehension Method", "apprehension_method", "text"),
    ("Final Order Yes No", "final_order_yes_no", "text"),
    ("Final Order Date", "final_order_date", "date"),
    ("Apprehension Date", "apprehension_date", "date"),
    ("Entry Date", "entry_date", "date"),
    ("Prior Felony Yes No", "prior_felony_yes_no", "text"),
    ("Multiple Prior MISD Yes No", "multiple_prior_misd_yes_no", "text"),
    ("Violent Misdemeanor Yes No", "violent_misdemeanor_yes_no", "text"),
    ("Illegal Entry Yes No", "illegal_entry_yes_no", "text"),
    ("Illegal Reentry Yes No", "illegal_reentry_yes_no", "text"),
    ("Immigration Fraud Yes No", "immigration_fraud_yes_no", "text"),
    ("Significant Risk Yes No", "significant_risk_yes_no", "text"),
    ("Other Removal Reason Yes No", "other_removal_reason_yes_no", "text"),
    ("Other Removal Reason", "other_removal_reason", "text"),
    ("Criminal Street Gang Yes No", "criminal_street_gang_yes_no", "text"),
    ("Aggravated Felony Yes No", "aggravated_felony_yes_no", "text"),
    ("Deportation Ordered Yes No", "deportation_ordered_yes_no", "text"),
    ("Order to Show Cause Served Yes No", "order_show_cause_served_yes_no", "text"),
    ("Order to Show Cause Served Date", "order_to_show_cause_served_date", "date"),
    ("Biometric Match Yes No", "biometric_match_yes_no", "text"),
    ("Statements Made Yes No", "statements_made_yes_no", "text"),
    ("Unlawful Attempt Yes No", "unlawful_attempt_yes_no", "text"),
    ("Unlawful Entry Yes No", "unlawful_entry_yes_no", "text"),
    ("Visa Yes No", "visa_yes_no", "text"),
    ("Federal Register Notice Yes No", "federal_interest_yes_no", "text"),
    ("Resume Custody Yes No", "resume_custody_yes_no", "text"),
    ("Detainer Lift Reason", "detainer_lift_reason", "text"),
    ("Detainer Lift Reason Code", "detainer_lift_reason_code", "text"),
    ("Active Investigation Yes No", "active_investigation_yes_no", "text"),
    ("Arrest Warrant Served Date", "arrest_warrant_served_date", "date"),
    ("Detainer Type", "detainer_type", "text"),
    ("Notify Release Request Yes No", "notify_release_request_yes_no", "text"),
    ("TOD Current Duty Site", "tod_current_duty_site", "text"),
    ("EID DTA ID", "eid_dta_id", "text"),
    ("Anonymized Identifier", "unique_identifier", "text"),
    # added by the script
    ("", "duplicate_likely", "boolean"),
    ("", "file_original", "text"),
    ("", "sheet_original", "text"),
    ("", "row_original", "integer"),
]
KIND = {name: kind for _, name, kind in COLUMNS}

# How R's types arrive in Parquet through arrow::write_parquet.
ARROW_TYPE = {"date": pa.date32(), "text": pa.string(), "integer": pa.int32(), "numeric": pa.float64(),
              "boolean": pa.bool_()}
ARROW_SCHEMA = pa.schema([(name, ARROW_TYPE[kind]) for _, name, kind in COLUMNS])


def arrow_kind(data_type: pa.DataType) -> str | None:
    """The kind a Parquet column's type is, or None; an all-blank column (type null) is any kind."""
    if pa.types.is_null(data_type):
        return "null"
    if pa.types.is_dictionary(data_type):
        data_type = data_type.value_type
    if pa.types.is_string(data_type) or pa.types.is_large_string(data_type) or pa.types.is_string_view(data_type):
        return "text"
    if pa.types.is_date(data_type) or pa.types.is_timestamp(data_type):
        return "date"
    if pa.types.is_integer(data_type):
        return "integer"
    if pa.types.is_floating(data_type):
        return "numeric"
    if pa.types.is_boolean(data_type):
        return "boolean"
    return None


def fits(kind: str, found: str | None) -> bool:
    return found == kind or found == "null" or (kind == "numeric" and found == "integer")
