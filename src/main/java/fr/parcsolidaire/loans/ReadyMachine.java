package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.Grade;
import fr.parcsolidaire.inventory.MachineType;

import java.math.BigDecimal;

/** A machine that can be assigned now, with what a social worker compares. */
record ReadyMachine(String tag, MachineType type, String title, Grade grade, BigDecimal ramGb, BigDecimal storageGb) {
}
