package com.bindflow.unfreeze;

import com.bindflow.shared.ApiProblem;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A travel proof (行程证明) as the customer submits it: the trips (a city and its dates each) that explain the
 * payments from several cities, and a reference to the uploaded document (ticket, itinerary) that proves them.
 */
public record TravelProof(List<UnfreezeRequest.Trip> trips, String documentRef) {

    public static final int MAX_TRIPS = 10;
    public static final int MAX_CITY_LENGTH = 64;
    public static final int MAX_DOCUMENT_REF_LENGTH = 100;
    private static final Pattern DOCUMENT_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

    /**
     * Checks the proof; the first fault is a 400 naming its field ({@code trips}, {@code trips[1].city},
     * {@code trips[0].endDate}, {@code documentRef}...). A trip may not start after {@code today} (Beijing): a proof
     * documents travel that happened; it may still go on.
     */
    public TravelProof checked(LocalDate today) {
        if (trips == null || trips.isEmpty()) {
            throw ApiProblem.badRequest("trips", "trips is required: at least one trip (city, startDate, endDate).");
        }
        if (trips.size() > MAX_TRIPS) {
            throw ApiProblem.badRequest("trips", "At most " + MAX_TRIPS + " trips per travel proof.");
        }
        for (int i = 0; i < trips.size(); i++) {
            UnfreezeRequest.Trip trip = trips.get(i);
            String at = "trips[" + i + "]";
            if (trip == null) {
                throw ApiProblem.badRequest(at, at + " must be a trip (city, startDate, endDate).");
            }
            if (trip.city() == null || trip.city().isBlank()) {
                throw ApiProblem.badRequest(at + ".city", at + ".city is required.");
            }
            if (trip.city().strip().length() > MAX_CITY_LENGTH) {
                throw ApiProblem.badRequest(at + ".city", at + ".city must have at most " + MAX_CITY_LENGTH + " characters.");
            }
            if (trip.startDate() == null) {
                throw ApiProblem.badRequest(at + ".startDate", at + ".startDate is required (YYYY-MM-DD).");
            }
            if (trip.endDate() == null) {
                throw ApiProblem.badRequest(at + ".endDate", at + ".endDate is required (YYYY-MM-DD).");
            }
            if (trip.endDate().isBefore(trip.startDate())) {
                throw ApiProblem.badRequest(at + ".endDate", at + ".endDate " + trip.endDate() + " is before its startDate "
                        + trip.startDate() + ".");
            }
            if (trip.startDate().isAfter(today)) {
                throw ApiProblem.badRequest(at + ".startDate", at + ".startDate " + trip.startDate()
                        + " is in the future: a travel proof documents travel that has started.");
            }
        }
        if (documentRef == null || documentRef.isBlank()) {
            throw ApiProblem.badRequest("documentRef", "documentRef is required: the reference of the uploaded travel document.");
        }
        if (documentRef.length() > MAX_DOCUMENT_REF_LENGTH || !DOCUMENT_REF.matcher(documentRef).matches()) {
            throw ApiProblem.badRequest("documentRef", "documentRef must have 1 to " + MAX_DOCUMENT_REF_LENGTH
                    + " characters: letters, digits and . _ : / - (not starting with one of those).");
        }
        return new TravelProof(trips.stream().map(t -> new UnfreezeRequest.Trip(t.city().strip(), t.startDate(), t.endDate()))
                .toList(), documentRef);
    }
}
