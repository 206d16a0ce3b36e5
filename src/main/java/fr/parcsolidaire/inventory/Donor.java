package fr.parcsolidaire.inventory;

public record Donor(long id, DonorKind kind, String name, String contactName, String email, String phone,
                    long donations, long machines) {
}
