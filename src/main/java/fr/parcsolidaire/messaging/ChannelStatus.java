package fr.parcsolidaire.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which channels the service can send now; for the others, a French sentence saying their messages wait. */
record ChannelStatus(Set<Channel> sending) {

    List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (!sending.contains(Channel.EMAIL)) {
            w.add("Envoi des e-mails désactivé : aucun serveur de messagerie n'est réglé (SMTP_HOST et MAIL_FROM). "
                    + "Les e-mails restent en attente jusqu'à ce qu'il le soit.");
        }
        if (!sending.contains(Channel.SMS)) {
            w.add("Envoi des SMS désactivé : aucune passerelle SMS n'est réglée (SMS_GATEWAY_URL). "
                    + "Les SMS restent en attente jusqu'à ce qu'elle le soit.");
        }
        return w;
    }
}
